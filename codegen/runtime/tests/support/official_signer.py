"""Signs RPC parameters with Alibaba's official Python SDK core (aliyun-python-sdk-core).

One JSON request a line on stdin: {"method": "GET"|"POST", "pairs": [[key, value], ...], "secret": "..."};
one JSON answer a line on stdout: {"signature": "...", "string_to_sign": "..."}. The pairs are every
parameter the server received except Signature, repeated keys included; the string to sign and the
signature come from the SDK's own RPC signature composer and HMAC-SHA1 signer, not from our code.
"""
import json
import sys

from aliyunsdkcore.auth.composer import rpc_signature_composer as composer

compose_string_to_sign = getattr(composer, "__compose_string_to_sign")
get_signature = getattr(composer, "__get_signature")


class Pairs:
    """A dict stand-in whose items() keeps repeated keys (the composer only calls items())."""

    def __init__(self, pairs):
        self.pairs = [(key, value) for key, value in pairs]

    def items(self):
        return list(self.pairs)


for line in sys.stdin:
    request = json.loads(line)
    string_to_sign = compose_string_to_sign(request["method"], Pairs(request["pairs"]))
    signature = get_signature(string_to_sign, request["secret"])
    sys.stdout.write(json.dumps({"signature": signature, "string_to_sign": string_to_sign}) + "\n")
    sys.stdout.flush()
