"""Serving stored files from permission-checked views, in a way that caches well.

A private file downloaded in full is recorded in the security log (who, which file, from where).
Files are read through their storage, so the same view streams them from a folder of this
machine or from a bucket (object storage): private files never get a URL of their own.

Every response carries validators (ETag, Last-Modified), so a browser that has the file asks
"has it changed?" and gets an empty 304 instead of the file again; and a Cache-Control that says
how long it may keep the file without asking at all.
"""

from django.core.files.storage import Storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from gtr_portal.audit.services import audit_record

PUBLIC_MAX_AGE = 24 * 60 * 60


def stored_file_response(
    request: HttpRequest,
    *,
    storage: Storage,
    name: str,
    filename: str | None = None,
    as_attachment: bool = False,
    public: bool = False,
    content_type: str | None = None,
    audit_target: str = "",
    no_store: bool = False,
) -> HttpResponse:
    """The file `name` of `storage`, or 304 when the browser's copy is current.

    `public`: anyone may see it (a published practice's image), so shared caches may keep it for a
    day. Otherwise only the reader's browser keeps it, and asks again each time (`no-cache`):
    a file that became private, or evidence on a shared office computer, is never served stale.
    `no_store`: not even that browser keeps it (evidence).

    A private file sent in full as an attachment (or with an `audit_target`, for example
    "recommendations.evidence:12") is a "private file downloaded" event of the security log.
    """
    modified = storage.get_modified_time(name)
    size = storage.size(name)
    etag = f'"{size:x}-{int(modified.timestamp() * 1000):x}"'
    last_modified = int(modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(
            storage.open(name, "rb"),
            as_attachment=as_attachment,
            filename=filename or name.rsplit("/", 1)[-1],
            content_type=content_type,
        )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    elif no_store:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    # Downloads, not the images a draft shows inline (unless the caller names what it serves).
    if not public and (as_attachment or audit_target) and response.status_code == 200:
        audit_record(
            kind="private_file_downloaded",
            request=request,
            target=audit_target or name,
            details={"file": filename or name.rsplit("/", 1)[-1]},
        )
    return response
