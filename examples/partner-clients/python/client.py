#!/usr/bin/env python3
"""Reference DutyClaims partner client in Python 3 (standard library only).

Runs the client-grading scenario (../SCENARIO.md) with its own retry, backoff, timeout and
idempotency rules, as a partner's own integration would. Graded with:

    dutyclaims-launch grade-client --timeout-ms 500 --max-concurrency 4 -- \
        python3 examples/partner-clients/python/client.py [--flaw NAME ...]

The flaws are the same deliberate defects as the TypeScript client's (src/flaws.ts).
"""

import argparse
import http.client
import json
import os
import random
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

FLAWS = (
    "new-key-per-retry",
    "retry-4xx",
    "ignore-retry-after",
    "no-jitter",
    "no-timeout",
    "no-correlation-id",
    "new-correlation-per-retry",
    "one-correlation-id",
    "flat-jitter",
    "retry-forever",
    "retry-by-status-only",
    "first-page-only",
    "unbounded-concurrency",
    "keeps-old-key",
)

MAX_ATTEMPTS = 5
RUN_CORRELATION_ID = f"corr-{uuid.uuid4()}"  # the one-correlation-id flaw: one id for the whole run
BACKOFF_BASE_S = 0.1
BACKOFF_CAP_S = 2.0
# Errors where the request may or may not have reached the provider: retried with the same key.
TRANSPORT_ERRORS = (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout, TimeoutError)


class ScenarioError(Exception):
    """An answer the scenario did not expect."""


def backoff_s(retry, jitter):
    """Exponential backoff with equal jitter: half the window fixed, half random, so it always grows."""
    window = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** (retry - 1))
    return window / 2 + random.random() * window / 2 if jitter else window


def read_json(raw):
    """The answer's JSON object, {} when it has none (e.g. a gateway's HTML error page)."""
    try:
        parsed = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def retryable(status, payload, by_status_only=False):
    """The envelope's retryStrategy decides (only "backoff" is retried: "no_retry" and "contact_support"
    are final even on a 503 or 429); the status decides only when the answer has no envelope."""
    strategy = (payload.get("error") or {}).get("retryStrategy")
    if isinstance(strategy, str) and not by_status_only:
        return strategy == "backoff"
    return status == 429 or status >= 500


def retry_after_s(value):
    """Retry-After in seconds (integer form), 0 when absent or unreadable."""
    try:
        return max(0.0, float(int((value or "").strip())))
    except ValueError:
        return 0.0


def read_key(path):
    """The API key in the key file (one line)."""
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


class Api:
    def __init__(self, base_url, api_key, timeout_s, flaws):
        self.base_url = base_url.rstrip("/")
        # A function: asked before every attempt, so a key rotated in DUTYCLAIMS_API_KEY_FILE is used at once.
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.flaws = flaws

    def send(self, method, path, body=None):
        """One logical operation: one correlation id and one Idempotency-Key for all attempts."""
        correlation_id = RUN_CORRELATION_ID if "one-correlation-id" in self.flaws else f"corr-{uuid.uuid4()}"
        idempotency_key = f"idem-{uuid.uuid4()}"
        data = None if body is None else json.dumps(body).encode("utf-8")
        attempt = 0
        while True:
            attempt += 1
            last = attempt >= MAX_ATTEMPTS and "retry-forever" not in self.flaws
            headers = {"Authorization": f"Bearer {self.api_key()}", "Accept": "application/json"}
            if "no-correlation-id" not in self.flaws:
                fresh = "new-correlation-per-retry" in self.flaws
                headers["X-Correlation-Id"] = f"corr-{uuid.uuid4()}" if fresh else correlation_id
            if method == "POST":
                headers["Content-Type"] = "application/json"
                fresh = "new-key-per-retry" in self.flaws
                headers["Idempotency-Key"] = f"idem-{uuid.uuid4()}" if fresh else idempotency_key
            request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
            timeout = None if "no-timeout" in self.flaws else self.timeout_s
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return response.status, json.loads(response.read() or b"{}"), attempt
            except urllib.error.HTTPError as error:
                status, payload = error.code, read_json(error.read())
                retry_after = 0.0 if "ignore-retry-after" in self.flaws else retry_after_s(error.headers.get("Retry-After"))
                retry = retryable(status, payload, "retry-by-status-only" in self.flaws) or (
                    "retry-4xx" in self.flaws and 400 <= status < 500 and status != 429 and attempt < 2
                )
                if not retry or last:
                    return status, payload, attempt
                time.sleep(max(retry_after, self.delay_s(attempt)))
            except TRANSPORT_ERRORS as error:
                if last:
                    raise ScenarioError(f"{method} {path} failed after {attempt} attempts: {error}") from error
                time.sleep(self.delay_s(attempt))

    def delay_s(self, retry):
        """The delay before retry `retry`, with this client's flaws applied."""
        if "flat-jitter" in self.flaws:
            return 0.2 + random.random() * 0.2
        return backoff_s(retry, "no-jitter" not in self.flaws)


def expect(step, answer, statuses):
    status, body, _ = answer
    if status not in statuses:
        error = body.get("error") or {}
        raise ScenarioError(f"{step}: expected {statuses}, got {status} {error.get('code', '')} (request {error.get('requestId', '?')})")
    return answer


def dry_run_start(api, env):
    """The launch checklist's dry run, first three steps: partner organization, endpoint, sandbox test."""
    _, org, _ = expect("dry run 1", api.send("GET", f"/v1/partner-organizations/{env['DUTYCLAIMS_PARTNER_ORG_ID']}"), [200])
    print(f"dry run 1: partner organization in {org['environment']}, contract {org['contract']['hash']}", flush=True)
    body = {"url": env["DUTYCLAIMS_WEBHOOK_PUBLIC_URL"], "eventTypes": ["claim.status_changed", "sandbox.test"]}
    _, endpoint, _ = expect("dry run 2", api.send("POST", "/v1/webhooks/endpoints", body), [201])
    # The signing secret is shown once: a real integration puts it in its secret store, never in a log.
    print(f"dry run 2: endpoint {endpoint['id']} registered", flush=True)
    _, test, _ = expect("dry run 3", api.send("POST", "/v1/sandbox/webhooks/test", {"endpointId": endpoint["id"]}), [202])
    print(f"dry run 3: sandbox test delivery {test['deliveryId']} queued", flush=True)


def run(api, env, flaws):
    # With DUTYCLAIMS_WEBHOOK_PUBLIC_URL (as under `dutyclaims-launch observe`), also run the dry run.
    dry_run = bool(env.get("DUTYCLAIMS_WEBHOOK_PUBLIC_URL"))
    if dry_run:
        dry_run_start(api, env)
    client = {"externalRef": env["DUTYCLAIMS_CLIENT_REF"], "name": "Grade Partner Client", "country": "GB"}
    _, created, attempts = expect("step 1", api.send("POST", "/v1/clients", client), [201])
    print(f"step 1: client {created['id']} created ({attempts} attempts)", flush=True)

    _, again, _ = expect("step 2", api.send("POST", "/v1/clients", client), [409])
    client_id = (again.get("error") or {}).get("resourceId") or created["id"]
    print(f"step 2: already exists, linked to {client_id}", flush=True)
    if dry_run:
        _, authority, _ = expect("dry run 5", api.send("GET", f"/v1/clients/{client_id}/authority"), [200])
        print(f"dry run 5: authority {authority['status']} before any claim work", flush=True)

    claim_body = {
        "clientId": client_id,
        "claimType": "duty_drawback",
        "amount": {"currency": "GBP", "value": "125.50"},
        "reference": f"order-{uuid.uuid4().hex[:8]}",
    }
    _, claim, attempts = expect("step 3", api.send("POST", "/v1/claims", claim_body), [202])
    print(f"step 3: claim {claim['id']} received ({attempts} attempts)", flush=True)

    _, status, attempts = expect("step 4", api.send("GET", f"/v1/claims/{claim['id']}/status"), [200])
    print(f"step 4: claim status {status['status']} ({attempts} attempts)", flush=True)

    cursor, deliveries, pages = None, 0, 0
    while True:
        query = {"limit": env.get("DUTYCLAIMS_PAGE_SIZE", "25")}
        if cursor:
            query["cursor"] = cursor
        _, page, _ = expect("step 5", api.send("GET", "/v1/webhook-deliveries?" + urllib.parse.urlencode(query)), [200])
        pages += 1
        deliveries += len(page["data"])
        if not page["hasMore"] or "first-page-only" in flaws:
            break
        cursor = page["nextCursor"]
    print(f"step 5: {deliveries} deliveries in {pages} pages", flush=True)

    ids = [i for i in env.get("DUTYCLAIMS_CLIENT_IDS", "").split(",") if i]
    workers = len(ids) if "unbounded-concurrency" in flaws else int(env.get("DUTYCLAIMS_MAX_CONCURRENCY", "4"))

    def read(i):
        answer = api.send("GET", f"/v1/clients/{i}/authority")
        status, payload, attempts = answer
        # A 5xx or 429 here is final (the last attempt, or an envelope that said no_retry or
        # contact_support): surface it with its request id and go on with the other reads.
        if status >= 500 or status == 429:
            error = payload.get("error") or {}
            print(
                f"step 6: gave up on {i}: {status} {error.get('code', '')} (retryStrategy {error.get('retryStrategy', '-')}, "
                f"request {error.get('requestId', '?')}) after {attempts} attempt(s)",
                file=sys.stderr,
                flush=True,
            )
            return answer
        return expect(f"step 6 ({i})", answer, [200, 401, 403, 404])

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        statuses = [status for status, _, _ in pool.map(read, ids)]
    counts = {str(s): statuses.count(s) for s in sorted(set(statuses))}
    print(f"step 6: {len(statuses)} authorities read: {json.dumps(counts)}", flush=True)

    key_file, org_id = env.get("DUTYCLAIMS_API_KEY_FILE"), env.get("DUTYCLAIMS_PARTNER_ORG_ID")
    if key_file and org_id:
        rotation_step(api, key_file, org_id)


def rotation_step(api, key_file, org_id):
    """Step 7: read the partner organization, wait for the grader to write a new key, read again with it."""
    path = f"/v1/partner-organizations/{org_id}"
    with open(key_file, encoding="utf-8") as handle:
        before = handle.read()
    expect("step 7", api.send("GET", path), [200])
    deadline = time.monotonic() + 30
    while True:
        with open(key_file, encoding="utf-8") as handle:
            if handle.read() != before:
                break
        if time.monotonic() > deadline:
            raise ScenarioError(f"step 7: the key file {key_file} did not change within 30 s")
        time.sleep(0.05)
    for read in (f"{path}/capabilities", path):
        status, payload, _ = api.send("GET", read)
        error = payload.get("error") or {}
        outcome = "200" if status == 200 else f"failed: {status} {error.get('code', '')} (request {error.get('requestId', '?')})"
        print(f"step 7: GET {read} after the key rotation: {outcome}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flaw", action="append", default=[], choices=FLAWS)
    flaws = set(parser.parse_args().flaw)
    env = os.environ
    for name in ("DUTYCLAIMS_BASE_URL", "DUTYCLAIMS_API_KEY", "DUTYCLAIMS_CLIENT_REF"):
        if not env.get(name):
            print(f"Set {name} (the grader sets it; see SCENARIO.md).", file=sys.stderr)
            return 2
    timeout_s = int(env.get("DUTYCLAIMS_TIMEOUT_MS", "10000")) / 1000
    key_file = env.get("DUTYCLAIMS_API_KEY_FILE")
    start_key = read_key(key_file) if key_file else env["DUTYCLAIMS_API_KEY"]
    # The keeps-old-key flaw reads the key once at start and never again.
    api_key = (lambda: read_key(key_file)) if key_file and "keeps-old-key" not in flaws else (lambda: start_key)
    api = Api(env["DUTYCLAIMS_BASE_URL"], api_key, timeout_s, flaws)
    try:
        run(api, env, flaws)
    except ScenarioError as error:
        print(str(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
