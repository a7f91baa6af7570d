"""The database itself refuses to rewrite a security event.

Only `actor_id` may change (set to NULL when the account is deleted); DELETE stays possible for
the nightly pruning of old events.
"""

from django.db import migrations

GUARDED = "kind, occurred_at, actor_email, ip_address, user_agent, target, details"

SQLITE = [
    f"""CREATE TRIGGER audit_securityevent_append_only
    BEFORE UPDATE OF {GUARDED} ON audit_securityevent
    BEGIN SELECT RAISE(ABORT, 'security events are append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS audit_securityevent_append_only;"]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION audit_securityevent_refuse_update() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'security events are append-only'; END;
    $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER audit_securityevent_append_only
    BEFORE UPDATE OF {GUARDED} ON audit_securityevent
    FOR EACH ROW EXECUTE FUNCTION audit_securityevent_refuse_update();""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_securityevent_append_only ON audit_securityevent;",
    "DROP FUNCTION IF EXISTS audit_securityevent_refuse_update();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
