"""Published credentials of the demo's staff accounts (every app's demo signs its officers in
with these; see README, "Demo accounts")."""

from __future__ import annotations

STAFF_PASSWORD = "demo-petugas-2026"  # noqa: S105 - published demo credential
# RFC 6238's test key "12345678901234567890"; base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
