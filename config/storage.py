"""Where uploaded files (evidence, attachments, register files) are kept: `PRONGSAI_STORAGE`.

- `filesystem` (default): under the data directory, as before.
- `s3`: an S3-compatible bucket through django-storages (AWS S3, MinIO, Ceph, …), for more than one machine.
  `PRONGSAI_S3_BUCKET`, `PRONGSAI_S3_ENDPOINT_URL` (empty for AWS), `PRONGSAI_S3_REGION`,
  `PRONGSAI_S3_ACCESS_KEY_ID`, `PRONGSAI_S3_SECRET_ACCESS_KEY`, `PRONGSAI_S3_PREFIX` (a folder in the bucket).

The files stay private either way: no public ACL, no public URL. The system never hands out a storage URL
(signed or not) for a file: every download goes through a view that checks the permission and streams the
bytes from the storage (`storage.open`), so a link cannot be passed on to someone without the right.
"""

from __future__ import annotations

from pathlib import Path

from config.env import env_str


def default_storage(uploads: Path) -> dict:
    kind = env_str("PRONGSAI_STORAGE", "filesystem").strip().lower()
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(uploads)}}
    if kind == "s3":
        bucket = env_str("PRONGSAI_S3_BUCKET")
        if not bucket:
            raise ValueError("PRONGSAI_STORAGE=s3 ต้องตั้ง PRONGSAI_S3_BUCKET ด้วย")
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("PRONGSAI_S3_ENDPOINT_URL") or None,
            "region_name": env_str("PRONGSAI_S3_REGION") or None,
            "access_key": env_str("PRONGSAI_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("PRONGSAI_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("PRONGSAI_S3_PREFIX"),
            # Private objects: the bucket's own (private) policy, never a public-read ACL.
            "default_acl": None,
            # If anything ever asked for a URL it would be a short-lived signed one, never a bare public
            # address; the system's own views do not ask (they stream).
            "querystring_auth": True,
            "querystring_expire": 60,
            # Stored names are the system's own and never replaced in place: an evidence revision is
            # immutable, so a second file of the same name gets a new name.
            "file_overwrite": False,
        }}
    raise ValueError(f"PRONGSAI_STORAGE ต้องเป็น filesystem หรือ s3 (ได้ {kind!r})")
