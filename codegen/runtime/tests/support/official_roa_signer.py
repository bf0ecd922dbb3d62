"""Composes ROA strings-to-sign and signatures with Alibaba's official Python SDK core.

One JSON request a line on stdin: {"method": "POST", "path": "/a%20b/c", "query": [[k, v], ...],
"headers": [[name, value], ...], "secret": "..."}; one JSON answer a line on stdout:
{"signature": "...", "string_to_sign": "..."}. The path is the one received (as sent on the wire),
the query decoded; header names are given as received and mapped to the names the SDK looks up
(`Accept`, `Content-MD5`, `Content-Type`, `Date`) case-insensitively. The string to sign and the
signature come from the SDK's roa_signature_composer and HMAC-SHA1 signer, not from our code.
"""
import json
import sys

from aliyunsdkcore.auth.algorithm import sha_hmac1
from aliyunsdkcore.auth.composer import roa_signature_composer as composer

STANDARD = {name.lower(): name for name in ("Accept", "Content-MD5", "Content-Type", "Date")}

for line in sys.stdin:
    request = json.loads(line)
    headers = {STANDARD.get(name.lower(), name): value for name, value in request["headers"]}
    queries = {key: value for key, value in request["query"]}
    string_to_sign = composer.compose_string_to_sign(
        method=request["method"], queries=queries, uri_pattern=request["path"], headers=headers, paths=None
    )
    signature = sha_hmac1.get_sign_string(string_to_sign, request["secret"])
    sys.stdout.write(json.dumps({"signature": signature, "string_to_sign": string_to_sign}) + "\n")
    sys.stdout.flush()
