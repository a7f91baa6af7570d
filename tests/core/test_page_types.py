"""The catalogue of page types that the portal-wide checks walk through is itself sound."""

import pytest

from tests.pages import page_types


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_type_opens_for_its_role(demo_portal, client_as, db, language):
    for page in page_types():
        response = client_as(page.role).get(page.path(language, demo_portal))
        assert response.status_code == 200, (page.name, response.status_code)
