"""Uses a client generated from an OpenAPI document: imports all of it, then calls every operation
whose required parameters all have examples (or a `const`), that needs no request body, and whose
200 response has an example, and checks the parsed body round-trips. An RPC operation goes to a
mock transport that checks its `Action`; a RESTful (ROA) one over a real socket to a loopback HTTP
server (a thread) that records what arrives (method, path, query, body) and answers with the
example: the method and path are the document's, the path parameters and required query
parameters carry their examples, and no RPC `Action` is sent. Fails when an operation has no module
or when it calls no operation at all; appends the count of calls to `$TEST_REPORT_DIR/counts.tsv`
when that is set (`cargo xtask test` prints it).
"""

import enum
import http.server
import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
import threading
import typing
import urllib.parse

import httpx


def normalized(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def resolve(document, node):
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def arguments(document, operation, function):
    """Keyword arguments for the generated function, or None when a required value is unknown."""
    hints = typing.get_type_hints(function)
    by_name = {normalized(p): p for p in inspect.signature(function).parameters}
    kwargs = {}
    for parameter in operation.get("parameters", []):
        parameter = resolve(document, parameter)
        if not parameter.get("required"):
            continue
        schema = parameter["schema"]
        if "const" in schema:
            value = schema["const"]
        elif "example" in parameter:
            value = parameter["example"]
        else:
            return None
        python_name = by_name[normalized(parameter["name"])]
        hint = hints.get(python_name)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            value = hint(value)
        kwargs[python_name] = value
    return kwargs


METHODS = ("get", "put", "post", "delete", "patch", "head")


def template(path):
    """A path key (or a generated client's URL) with every `{name}` written `{}`."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def matches(path, sent):
    """Whether the path sent fills the template `path` (each `{name}` one segment; a fragment is never sent)."""
    parts = re.split(r"(\{\})", template(path.split("#")[0]))
    pattern = "".join("[^/]+" if part == "{}" else re.escape(part) for part in parts)
    return re.fullmatch(pattern, sent) is not None


class Loopback:
    """An HTTP/1.1 server on 127.0.0.1 in a thread: records each request as
    `(method, path, query pairs, body)` and answers 200 with the JSON `reply`."""

    def __init__(self):
        self.requests = []
        self.reply = None
        loopback = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                target = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qsl(target.query, keep_blank_values=True)
                loopback.requests.append((self.command, target.path, query, body))
                payload = json.dumps(loopback.reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = handle_one

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def main(file, package):
    with open(file, encoding="utf-8") as f:
        document = json.load(f)
    root = importlib.import_module(package)
    modules = {}
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        module = importlib.import_module(info.name)
        source = inspect.getsource(module)
        url = re.search(r'"url": f?"([^"]+)"', source)
        method = re.search(r'"method": "([a-z]+)"', source)
        if url and method and hasattr(module, "sync_detailed"):
            modules[(method.group(1), template(url.group(1)))] = module
    called = skipped = operations = 0
    loopback = Loopback()
    for path, item in document["paths"].items():
        for method in [m for m in METHODS if m in item]:
            operations += 1
            operation = item[method]
            module = modules[(method, template(path))]
            example = resolve(document, operation["responses"]["200"])["content"]["application/json"].get("example")
            kwargs = arguments(document, operation, module.sync_detailed)
            needs_body = operation.get("requestBody", {}).get("required", False)
            if example is None or kwargs is None or needs_body:
                skipped += 1
                continue
            called += call(root, module, kwargs, example, path, method, operation, document, loopback)
    loopback.close()
    roa_operations = sum(1 for path in document["paths"] if not path.startswith("/#"))
    print(
        f"{file}: {len(modules)} operations imported, {called} called and round-tripped "
        f"({roa_called[0]} RESTful ones over a loopback socket, {roa_with_path[0]} of them with a path parameter), "
        f"{skipped} without a complete example or with a required body"
    )
    directory = os.environ.get("TEST_REPORT_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "counts.tsv"), "a", encoding="utf-8") as f:
            f.write(f"operations called through the generated Python client (all documents)\t{called}\n")
    if called == 0:
        print(f"{file}: no operation called: no operation has a complete example", file=sys.stderr)
        return 1
    if roa_operations and roa_with_path[0] == 0:
        print(f"{file}: error: no RESTful operation with a path parameter was called over the loopback socket")
        return 1
    return 0 if len(modules) == operations else 1


roa_called = [0]
roa_with_path = [0]


def wire_text(value):
    """A parameter value as it goes in a URL: JSON's spelling of booleans, `str` of the rest."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def call(root, module, kwargs, example, path, method, operation, document, loopback):
    """Calls one operation (a RESTful one over the loopback socket, an RPC one against a mock
    transport) and checks what is sent and what is parsed; returns 1."""
    rpc = path.startswith("/#")
    if not rpc:
        return call_loopback(root, module, kwargs, example, path, method, operation, document, loopback)

    def answer(request):
        if rpc:
            assert request.url.params["Action"] == operation["operationId"], request.url
        else:
            assert request.method == method.upper(), (request.method, method)
            assert "Action" not in request.url.params, request.url
            assert matches(path, request.url.path), (path, request.url.path)
        return httpx.Response(200, json=example)

    client = root.Client(base_url="https://example.invalid", httpx_args={"transport": httpx.MockTransport(answer)})
    response = module.sync_detailed(client=client, **kwargs)
    assert response.status_code == 200, (path, response.status_code)
    parsed = response.parsed.to_dict()
    assert parsed == example, (path, parsed, example)
    return 1


def call_loopback(root, module, kwargs, example, path, method, operation, document, loopback):
    """Sends one RESTful operation over a real socket and checks what the server received."""
    loopback.reply = example
    loopback.requests.clear()
    client = root.Client(base_url=loopback.url, httpx_args={"trust_env": False})
    response = module.sync_detailed(client=client, **kwargs)
    assert response.status_code == 200, (path, response.status_code)
    assert len(loopback.requests) == 1, (path, loopback.requests)
    sent_method, sent_path, query, body = loopback.requests[0]
    by_name = {normalized(name): value for name, value in kwargs.items()}
    parameters = [resolve(document, p) for p in operation.get("parameters", [])]
    in_path = {p["name"]: wire_text(by_name[normalized(p["name"])]) for p in parameters if p["in"] == "path"}
    expected_path = re.sub(r"\{([^}]*)\}", lambda m: in_path[m.group(1)], path)
    assert sent_method == method.upper(), (path, sent_method)
    assert urllib.parse.unquote(sent_path) == expected_path, (path, sent_path, expected_path)
    assert all(name != "Action" for name, _ in query), (path, query)
    sent_query = dict(query)
    for p in parameters:
        if p["in"] == "query" and p.get("required"):
            value = wire_text(by_name[normalized(p["name"])])
            assert sent_query.get(p["name"]) == value, (path, p["name"], query, value)
    assert body == b"", (path, "no request body was given", body)
    parsed = response.parsed.to_dict()
    assert parsed == example, (path, parsed, example)
    roa_called[0] += 1
    roa_with_path[0] += 1 if in_path else 0
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} OPENAPI_JSON PACKAGE")
    sys.exit(main(sys.argv[1], sys.argv[2]))
