"""Uses a client generated from an OpenAPI document: imports all of it, then calls every operation
whose required parameters all have examples (or a `const`), that needs no request body, and whose
200 response has an example, against a mock transport that checks the request (an RPC operation's
`Action`, a RESTful one's method and path) and answers with that example, and checks the parsed
body round-trips.
"""

import enum
import importlib
import inspect
import json
import pkgutil
import re
import sys
import typing

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
            called += call(root, module, kwargs, example, path, method, operation)
    print(f"{file}: {len(modules)} operations imported, {called} called and round-tripped, {skipped} without a complete example or with a required body")
    return 0 if len(modules) == operations else 1


def call(root, module, kwargs, example, path, method, operation):
    """Calls one operation against a mock transport that checks what is sent; returns 1."""
    rpc = path.startswith("/#")

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


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} OPENAPI_JSON PACKAGE")
    sys.exit(main(sys.argv[1], sys.argv[2]))
