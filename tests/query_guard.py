"""No SQL while a template renders: views and selectors evaluate what templates show.

A query from a template is invisible in the view, runs once per row when it sits in a loop, and
escapes every budget that counts queries per view. `render_guard()` makes each such query fail
(django-zen-queries' `queries_disabled()` around `Template._render`) and records it, so that a
query swallowed by template code (a `{% with %}`, a filter catching exceptions) still fails the
test. Context processors run before `_render` (in `bind_template`), outside the guard.
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from unittest import mock

from django.db import connections
from django.template.base import Template
from zen_queries import queries_disabled


@dataclass
class RenderQueries:
    """The queries attempted while a template rendered: (template name, SQL)."""

    attempts: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.attempts)

    def __str__(self) -> str:
        return "\n".join(f"{name}: {sql}" for name, sql in self.attempts)


@contextmanager
def render_guard() -> Iterator[RenderQueries]:
    """Within the block, a query while a template renders raises and is recorded."""
    recorded = RenderQueries()
    original = Template._render
    rendering: list[str] = []

    def record(execute, sql, params, many, context):
        recorded.attempts.append((rendering[-1] if rendering else "?", sql))
        return execute(sql, params, many, context)

    def guarded_render(self, context):
        outermost = not rendering
        rendering.append(getattr(self.origin, "template_name", None) or "(string)")
        try:
            with ExitStack() as stack:
                if outermost:
                    # The recorder first: execute wrappers run in order, and zen-queries'
                    # refusal comes after it.
                    for connection in connections.all():
                        stack.enter_context(connection.execute_wrapper(record))
                    stack.enter_context(queries_disabled())
                return original(self, context)
        finally:
            rendering.pop()

    with mock.patch.object(Template, "_render", guarded_render):
        yield recorded
