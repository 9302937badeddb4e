#!/usr/bin/env python3
"""Reference webhook receiver in Python, standard library only.

Verifies the signature over the raw body bytes (never re-serialised JSON), rejects stale and future
timestamps, deduplicates on the event id and acknowledges fast. In --test-mode it serves
GET /processed, the grader's processed-events hook: {"processed": [event ids, one per processing]}.

    WEBHOOK_SECRET=whsec_... python3 receiver.py --port 8080 --scheme dutyclaims --test-mode

--flaw NAME switches on a deliberate defect so tests can prove the grader notices it.
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FLAWS = ("reserialize", "no-dedupe", "accept-stale")
MAX_BODY = 1024 * 1024


class Rejected(Exception):
    """The delivery failed verification; the code says which check."""


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def parse_timestamp(value, name):
    if value is None or value == "":
        raise Rejected(f"missing {name}")
    if not value.strip().isdigit() or len(value.strip()) > 12:
        raise Rejected(f"malformed {name}")
    return int(value.strip())


def check_timestamp(timestamp, tolerance, flaws):
    now = int(time.time())
    if timestamp < now - tolerance and "accept-stale" not in flaws:
        raise Rejected("timestamp too old")
    if timestamp > now + tolerance:
        raise Rejected("timestamp in the future")


def any_match(expected_list, candidates, decode):
    for candidate in candidates:
        try:
            given = decode(candidate)
        except (ValueError, binascii.Error):
            continue
        if any(hmac.compare_digest(expected, given) for expected in expected_list):
            return True
    return False


def verify_dutyclaims(headers, raw, secrets, tolerance, flaws):
    header = headers.get("DutyClaims-Signature")
    if not header:
        raise Rejected("missing DutyClaims-Signature")
    timestamp, signatures = None, []
    for item in header.split(","):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise Rejected("malformed DutyClaims-Signature")
        if key.strip() == "t":
            timestamp = parse_timestamp(value, "t=")
        elif key.strip() == "v1":
            signatures.append(value.strip())
    if timestamp is None or not signatures:
        raise Rejected("malformed DutyClaims-Signature")
    check_timestamp(timestamp, tolerance, flaws)
    expected = [hmac_sha256(s.encode(), f"{timestamp}.".encode() + raw) for s in secrets]
    if not any_match(expected, signatures, bytes.fromhex):
        raise Rejected("signature mismatch")
    return headers.get("DutyClaims-Event-Id"), timestamp


def standard_key(secret):
    encoded = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    return base64.b64decode(encoded, validate=True)


def verify_standard(headers, raw, secrets, tolerance, flaws):
    msg_id = headers.get("webhook-id")
    signature = headers.get("webhook-signature")
    if not msg_id or not signature:
        raise Rejected("missing webhook-id or webhook-signature")
    timestamp = parse_timestamp(headers.get("webhook-timestamp"), "webhook-timestamp")
    signatures = []
    for item in signature.split(" "):
        version, sep, value = item.partition(",")
        if not sep:
            raise Rejected("malformed webhook-signature")
        if version == "v1":
            signatures.append(value)
    if not signatures:
        raise Rejected("no v1 signature")
    check_timestamp(timestamp, tolerance, flaws)
    message = f"{msg_id}.{timestamp}.".encode() + raw
    expected = [hmac_sha256(standard_key(s), message) for s in secrets]
    if not any_match(expected, signatures, lambda v: base64.b64decode(v, validate=True)):
        raise Rejected("signature mismatch")
    return msg_id, timestamp


def hex_scheme(signature_header, timestamp_header, event_header):
    # x-dual-signature and x-signature (assumed format): hex HMAC-SHA256 of "<timestamp>.<raw body>".
    def verify(headers, raw, secrets, tolerance, flaws):
        signature = (headers.get(signature_header) or "").strip()
        if not signature:
            raise Rejected(f"missing {signature_header}")
        timestamp = parse_timestamp(headers.get(timestamp_header), timestamp_header)
        if len(signature) != 64:
            raise Rejected(f"malformed {signature_header}")
        check_timestamp(timestamp, tolerance, flaws)
        expected = [hmac_sha256(s.encode(), f"{timestamp}.".encode() + raw) for s in secrets]
        if not any_match(expected, [signature], bytes.fromhex):
            raise Rejected("signature mismatch")
        return (headers.get(event_header) if event_header else None), timestamp

    return verify


SCHEMES = {
    "dutyclaims": verify_dutyclaims,
    "standard-webhooks": verify_standard,
    "x-dual-signature": hex_scheme("x-dual-signature", "x-dual-timestamp", None),
    "x-signature": hex_scheme("X-Signature", "X-Timestamp", "X-Event-ID"),
}


class Receiver:
    def __init__(self, scheme, secrets, tolerance, flaws):
        self.verify = SCHEMES[scheme]
        self.secrets, self.tolerance, self.flaws = secrets, tolerance, flaws
        self.lock = threading.Lock()
        self.seen = set()
        self.processed = []

    def handle(self, headers, raw):
        body = raw
        if "reserialize" in self.flaws:  # the defect: verify what json.dumps gives back, not the bytes sent
            body = json.dumps(json.loads(raw), separators=(",", ":"), ensure_ascii=False).encode()
        event_id, _timestamp = self.verify(headers, body, self.secrets, self.tolerance, self.flaws)
        if not event_id:
            event_id = json.loads(raw)["id"]
        with self.lock:
            if "no-dedupe" in self.flaws or event_id not in self.seen:
                self.seen.add(event_id)
                self.processed.append(event_id)  # a real receiver enqueues the work here


def make_handler(receiver, test_mode):
    class Handler(BaseHTTPRequestHandler):
        def reply(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if test_mode and self.path == "/processed":
                with receiver.lock:
                    return self.reply(200, {"processed": list(receiver.processed)})
            self.reply(404, {"error": "not_found"})

        def do_POST(self):
            if self.path != "/webhooks":
                return self.reply(404, {"error": "not_found"})
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self.reply(413, {"error": "body_too_large"})
            raw = self.rfile.read(length)
            try:
                receiver.handle(self.headers, raw)
            except Rejected as error:
                return self.reply(400, {"error": str(error)})
            except (ValueError, KeyError, TypeError):
                return self.reply(400, {"error": "body_not_json"})
            self.reply(200, {"received": True})

        def log_message(self, format, *args):  # keep stdout for the "listening on" line
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--scheme", choices=sorted(SCHEMES), default="dutyclaims")
    parser.add_argument("--tolerance", type=int, default=300)
    parser.add_argument("--test-mode", action="store_true")
    parser.add_argument("--flaw", action="append", choices=FLAWS, default=[])
    args = parser.parse_args()
    secret = os.environ.get("WEBHOOK_SECRET")
    if not secret:
        parser.exit(2, "Set WEBHOOK_SECRET to the endpoint signing secret (comma-separated during a rotation).\n")
    receiver = Receiver(args.scheme, secret.split(","), args.tolerance, set(args.flaw))
    server = ThreadingHTTPServer((args.host, args.port), make_handler(receiver, args.test_mode))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"listening on http://{args.host}:{server.server_address[1]}/webhooks", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
