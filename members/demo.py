"""Demo accounts, for development and demonstrations. Never loaded in production: the accounts
share a published password."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt

from .models import Body, FocalPoint, MemberAdministration, Role, User

DEMO_PASSWORD = "gtr-demo-2026"
TWO_FACTOR_ROLES = (Role.SECRETARIAT, Role.SUPERVISOR)

ACCOUNTS = [
    # email, first name, last name, role, member ISO2, body code, language
    ("secretariat@example.org", "Aïcha", "Koné", Role.SECRETARIAT, None, None, "fr"),
    ("fp-sn@example.org", "Mamadou", "Diop", Role.FOCAL_POINT, "SN", None, "fr"),
    ("fp-ng@example.org", "Ngozi", "Adeyemi", Role.FOCAL_POINT, "NG", None, "en"),
    ("supervisor@example.org", "Jean-Baptiste", "Mensah", Role.SUPERVISOR, None, "ROCB-WCA", "fr"),
    ("expert@example.org", "Fatou", "Sarr", Role.EXPERT, None, None, "en"),
    ("rocb@example.org", "Rapporteur", "BRRC-AOC", Role.BODY_REPORTER, None, "ROCB-WCA", "fr"),
]


def load(stdout) -> None:
    members = {m.iso2: m for m in MemberAdministration.objects.all()}
    for email, first, last, role, iso2, body_code, language in ACCOUNTS:
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "language": language,
                "body": Body.objects.get(code=body_code) if body_code else None,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if iso2:
            FocalPoint.objects.update_or_create(
                user=user,
                defaults={
                    "administration": members[iso2],
                    "function": FocalPoint.Function.ICT_FOCAL_POINT,
                    "job_title_fr": "Chef du service informatique",
                    "job_title_en": "Head of ICT",
                    "phone": "+221 33 000 00 00" if iso2 == "SN" else "+234 9 000 0000",
                },
            )
    stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
    for email, _first, _last, role, iso2, body_code, _lang in ACCOUNTS:
        where = iso2 or body_code or ""
        stdout.write(f"  {email:<26} {role.label}{' – ' + where if where else ''}")
    # Secretariat and supervisors must sign in with a second factor (members.middleware).
    for email, _first, _last, role, *_where in ACCOUNTS:
        if role in TWO_FACTOR_ROLES:
            stdout.write(f"TOTP secret of {email}: {_totp_secret(User.objects.get(email=email))}")
    stdout.write("(add a secret to an authenticator app, or compute codes with oathtool --totp -b)")


def _totp_secret(user: User) -> str:
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        return decrypt(existing.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
