#!/usr/bin/env bash
# The reference partner client in shell: one `curl` per attempt, one `sleep` per retry. Runs the
# client-grading scenario (../SCENARIO.md) with its own timeout, equal-jitter backoff, Retry-After,
# one Idempotency-Key and one X-Correlation-Id per operation, and a bounded step 6 fan-out.
# Needs bash >= 4.3 (wait -n), curl and awk. Graded with:
#   dutyclaims-launch grade-client --timeout-ms 500 --max-concurrency 4 -- bash examples/partner-clients/shell/client.sh
set -u
for name in DUTYCLAIMS_BASE_URL DUTYCLAIMS_API_KEY DUTYCLAIMS_CLIENT_REF; do
  if [ -z "${!name:-}" ]; then echo "Set $name (the grader sets it; see SCENARIO.md)." >&2; exit 2; fi
done
BASE=${DUTYCLAIMS_BASE_URL%/}
TIMEOUT_S=$(awk -v ms="${DUTYCLAIMS_TIMEOUT_MS:-10000}" 'BEGIN { printf "%.3f", ms / 1000 }')
MAX_ATTEMPTS=5
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

new_id() { cat /proc/sys/kernel/random/uuid 2>/dev/null || od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# Seconds before retry $1: equal jitter, a 0.1 s window doubling per retry, capped at 2 s.
backoff() {
  awk -v n="$1" -v r="$RANDOM" 'BEGIN { w = 0.1 * 2 ^ (n - 1); if (w > 2) w = 2; printf "%.3f", w / 2 + (r / 32767) * w / 2 }'
}

# First string value of a JSON field in file $1 (the API's bodies are one line), e.g. field f id.
field() { grep -o "\"$2\":\"[^\"]*\"" "$1" | head -n 1 | cut -d '"' -f 4; }

# The current API key: the key file the grader rotates (DUTYCLAIMS_API_KEY_FILE), read before every
# attempt so a rotated key is used at once; DUTYCLAIMS_API_KEY when there is no file.
api_key() {
  if [ -n "${DUTYCLAIMS_API_KEY_FILE:-}" ]; then tr -d ' \r\n' < "$DUTYCLAIMS_API_KEY_FILE"; else printf %s "$DUTYCLAIMS_API_KEY"; fi
}

# send METHOD PATH [BODY]: one logical operation. Retries no answer, and a 429 or 5xx unless its
# envelope's retryStrategy says anything but "backoff" (no_retry and contact_support are final),
# never other 4xx, with the same key and correlation id. Sets STATUS (000: no answer), OUT, ATTEMPTS.
send() {
  local method=$1 path=$2 body=${3:-} corr key wait after strategy
  corr="corr-$(new_id)"
  key="idem-$(new_id)"
  OUT="$WORK/$(new_id)"
  ATTEMPTS=1
  while :; do
    local args=(-s -o "$OUT" -D "$OUT.headers" -w '%{http_code}' --max-time "$TIMEOUT_S" -X "$method"
      -H "Authorization: Bearer $(api_key)" -H "X-Correlation-Id: $corr")
    if [ "$method" = POST ]; then
      args+=(-H 'Content-Type: application/json' -H "Idempotency-Key: $key" --data-binary "$body")
    fi
    : > "$OUT.headers"
    STATUS=$(curl "${args[@]}" "$BASE$path") || STATUS=000
    if [ "$STATUS" != 000 ] && [ "$STATUS" != 429 ] && [ "$STATUS" -lt 500 ]; then return 0; fi
    strategy=$(field "$OUT" retryStrategy)
    if [ "$STATUS" != 000 ] && [ -n "$strategy" ] && [ "$strategy" != backoff ]; then return 0; fi
    if [ "$ATTEMPTS" -ge "$MAX_ATTEMPTS" ]; then return 0; fi
    wait=$(backoff "$ATTEMPTS")
    after=$(grep -i '^retry-after:' "$OUT.headers" | tr -dc '0-9')
    if [ -n "$after" ]; then wait=$(awk -v a="$wait" -v b="$after" 'BEGIN { print (b > a) ? b : a }'); fi
    sleep "$wait"
    ATTEMPTS=$((ATTEMPTS + 1))
  done
}

fail() { echo "$1: got $STATUS $(field "$OUT" code) (request $(field "$OUT" requestId))" >&2; exit 1; }

client="{\"externalRef\":\"$DUTYCLAIMS_CLIENT_REF\",\"name\":\"Grade Partner Client\",\"country\":\"GB\"}"
send POST /v1/clients "$client"
[ "$STATUS" = 201 ] || fail "step 1"
client_id=$(field "$OUT" id)
echo "step 1: client $client_id created ($ATTEMPTS attempts)"

send POST /v1/clients "$client"
[ "$STATUS" = 409 ] || fail "step 2"
client_id=$(field "$OUT" resourceId)
echo "step 2: already exists, linked to $client_id"

claim="{\"clientId\":\"$client_id\",\"claimType\":\"duty_drawback\",\"amount\":{\"currency\":\"GBP\",\"value\":\"125.50\"},\"reference\":\"order-$(new_id | cut -c 1-8)\"}"
send POST /v1/claims "$claim"
[ "$STATUS" = 202 ] || fail "step 3"
claim_id=$(field "$OUT" id)
echo "step 3: claim $claim_id received ($ATTEMPTS attempts)"

send GET "/v1/claims/$claim_id/status"
[ "$STATUS" = 200 ] || fail "step 4"
echo "step 4: claim status $(field "$OUT" status) ($ATTEMPTS attempts)"

pages=0
cursor=
while :; do
  query="limit=${DUTYCLAIMS_PAGE_SIZE:-25}${cursor:+&cursor=$cursor}"
  send GET "/v1/webhook-deliveries?$query"
  [ "$STATUS" = 200 ] || fail "step 5"
  pages=$((pages + 1))
  grep -q '"hasMore":true' "$OUT" || break
  cursor=$(field "$OUT" nextCursor)
done
echo "step 5: $pages pages"

# Step 6: at most DUTYCLAIMS_MAX_CONCURRENCY reads in flight (background jobs, wait -n).
read_one() {
  send GET "/v1/clients/$1/authority"
  case "$STATUS" in
    200 | 401 | 403 | 404) echo "$STATUS" > "$WORK/read-$1" ;;
    000 | 429 | 5??)
      echo "step 6: gave up on $1: $STATUS $(field "$OUT" code) (retryStrategy $(field "$OUT" retryStrategy), request $(field "$OUT" requestId)) after $ATTEMPTS attempts" >&2
      echo "$STATUS" > "$WORK/read-$1" ;;
    *) echo "step 6 ($1): unexpected $STATUS" >&2; echo unexpected > "$WORK/read-$1" ;;
  esac
}
limit=${DUTYCLAIMS_MAX_CONCURRENCY:-4}
running=0
IFS=, read -r -a ids <<< "${DUTYCLAIMS_CLIENT_IDS:-}"
for id in "${ids[@]}"; do
  [ -n "$id" ] || continue
  read_one "$id" &
  running=$((running + 1))
  if [ "$running" -ge "$limit" ]; then wait -n; running=$((running - 1)); fi
done
wait
if grep -qx unexpected "$WORK"/read-* 2>/dev/null; then exit 1; fi
echo "step 6: ${#ids[@]} authorities read: $(cat "$WORK"/read-* 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')"

# Step 7: read the partner organization, wait (up to 30 s) for the grader to write a new key to the
# key file, then read the capabilities and the partner organization with it. A 401 is reported, not retried.
if [ -n "${DUTYCLAIMS_API_KEY_FILE:-}" ] && [ -n "${DUTYCLAIMS_PARTNER_ORG_ID:-}" ]; then
  org="/v1/partner-organizations/$DUTYCLAIMS_PARTNER_ORG_ID"
  before=$(api_key)
  send GET "$org"
  [ "$STATUS" = 200 ] || fail "step 7"
  for _ in $(seq 600); do [ "$(api_key)" != "$before" ] && break; sleep 0.05; done
  if [ "$(api_key)" = "$before" ]; then echo "step 7: the key file did not change within 30 s" >&2; exit 1; fi
  for path in "$org/capabilities" "$org"; do
    send GET "$path"
    echo "step 7: GET $path after the key rotation: $STATUS $(field "$OUT" code)"
  done
fi
