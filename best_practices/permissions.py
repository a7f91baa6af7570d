"""Who may do what with best practices and compendium editions."""

import rules

from members.permissions import (
    grant_back_office,
    is_focal_point,
    is_focal_point_of,
    is_secretariat,
    reads_everything,
)


@rules.predicate
def is_published(user, practice) -> bool:
    return practice is not None and practice.state == "published"


@rules.predicate
def of_own_administration(user, practice) -> bool:
    return practice is not None and is_focal_point_of(user, practice.administration)


@rules.predicate
def editable_by_its_administration(user, practice) -> bool:
    return practice is not None and practice.state in ("draft", "returned")


@rules.predicate
def awaits_review(user, practice) -> bool:
    return practice is not None and practice.state == "submitted"


@rules.predicate
def edition_is_published(user, edition) -> bool:
    return edition is not None and edition.status == "published"


# Unpublished practices are visible only to their administration, the secretariat and supervisors.
rules.add_perm(
    "best_practices.view_practice", is_published | reads_everything | of_own_administration
)
rules.add_perm("best_practices.add_practice", is_focal_point | is_secretariat)
rules.add_perm(
    "best_practices.change_practice",
    is_secretariat | (of_own_administration & editable_by_its_administration),
)
rules.add_perm(
    "best_practices.submit_practice", of_own_administration & editable_by_its_administration
)
rules.add_perm("best_practices.review_practice", is_secretariat & awaits_review)
rules.add_perm("best_practices.manage_editions", is_secretariat)
rules.add_perm("best_practices.view_edition", edition_is_published | reads_everything)

grant_back_office(
    "best_practices",
    [
        "theme",
        "bestpractice",
        "practiceimage",
        "practiceattachment",
        "compendiumedition",
        "compendiumentry",
        "editionfile",
    ],
)
