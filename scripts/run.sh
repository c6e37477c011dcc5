#!/usr/bin/env bash
# Serve Prongsai the way it runs in production: gunicorn + WhiteNoise, plus the task worker.
# The access log leaves out client addresses: anonymous reporters must not be traceable through it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHAINLP_OFFLINE=1 DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"

bin=.venv/bin
port="${PORT:-8000}"
# The database, uploads, mail and keys are for this user alone (the programs set the same for themselves).
umask 077

# The demo data dir of a checkout from before the keys left the repository may still hold the published keys:
# re-encrypt it under new ones (the command says so when it does) rather than refuse to start. Any other data
# dir is refused at start with the steps to take (back up, then `prongsai rotate_keys`).
if [ -z "${PRONGSAI_DATA_DIR:-}" ]; then $bin/prongsai rotate_keys --if-published; fi
# Links in e-mails point where this server listens unless the public address is configured.
export PRONGSAI_SITE_URL="${PRONGSAI_SITE_URL:-http://127.0.0.1:${port}}"

# With no mail relay configured or listening, e-mails go to files under the data dir (readable, and no
# failed-delivery traceback for every notification) instead of failing against a relay that is not there.
mail_note=""
if [ -z "${PRONGSAI_EMAIL_HOST:-}${PRONGSAI_EMAIL_BACKEND:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null; then
  export PRONGSAI_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
  mail_note="อีเมลที่ระบบส่ง: ${PRONGSAI_DATA_DIR:-var}/mail/ (ยังไม่ได้ตั้งค่า PRONGSAI_EMAIL_HOST)"
fi

for lang in en th; do msgfmt -o "locale/$lang/LC_MESSAGES/django.mo" "locale/$lang/LC_MESSAGES/django.po"; done
$bin/prongsai collectstatic --noinput >/dev/null
$bin/prongsai migrate --noinput
$bin/prongsai setup_demo

# The worker runs under a supervisor that starts it again when it dies (logged, waiting longer after each
# failure in a row) and stops it when this script stops; `/healthz` says whether a worker is alive.
$bin/prongsai supervise_worker --exit-with-parent -- --queue-name '*' &
supervisor=$!
web=""
stop() {
  trap - EXIT INT TERM HUP
  kill -TERM $web $supervisor 2>/dev/null || true
  wait $web $supervisor 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM HUP

echo
if [ -n "$mail_note" ]; then echo "$mail_note"; fi
echo "Prongsai: http://127.0.0.1:${port}/"
# gunicorn limits request lines and headers but not bodies: the first Django middleware (core.request_limits)
# refuses a body declared over PRONGSAI_UPLOAD_REQUEST_MAX_BYTES before reading it, and counts chunked ones.
# In the background and waited for, so that a SIGTERM to this script runs the trap at once (bash defers
# traps while a foreground command runs) and stops both.
$bin/gunicorn config.wsgi:application --bind "127.0.0.1:${port}" --workers "${WEB_CONCURRENCY:-3}" \
  --access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s %(b)s %(L)s' --forwarded-allow-ips=127.0.0.1 &
web=$!
wait $web
