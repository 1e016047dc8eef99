"""Accounts: people sign up, sign in and manage their own access to the fleet.

One module per job:

- ``passwords``: argon2id hashes (argon2-cffi), the password rule, rehash on sign-in;
- ``sessions``: server-side sessions behind a Secure, HttpOnly, SameSite cookie, and the
  CSRF token every state-changing request made with that cookie must carry;
- ``ratelimit``: sign-in failures counted per e-mail and per address, in the database (so
  every API process sees them);
- ``links``: signed, expiring links (itsdangerous) for e-mail verification and password
  reset, each dead once used;
- ``mailer``: sending those links through SMTP;
- ``totp``: the optional second factor (pyotp) and its recovery codes;
- ``store``: the ``fleet_accounts`` rows;
- ``config``: what the operator sets (public address, SMTP, plan for new sign-ups);
- ``routes`` (``/api/auth/...``) and ``tokens`` (API tokens listed and revoked).

The operator's admin token is not an account and is never issued here.
"""
