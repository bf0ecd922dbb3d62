"""Uses a client generated from an OpenAPI document: imports all of it, then calls every operation
whose required parameters all have examples (or a `const`) and whose 200 response has an example,
against a mock transport that answers with that example, and checks the parsed body round-trips.
Fails when an operation has no module or when it calls no operation at all; appends the count of
calls to `$TEST_REPORT_DIR/counts.tsv` when that is set (`cargo xtask test` prints it).
"""

import enum
import importlib
import inspect
import json
import os
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


def main(file, package):
    with open(file, encoding="utf-8") as f:
        document = json.load(f)
    root = importlib.import_module(package)
    modules = {}
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        module = importlib.import_module(info.name)
        source = inspect.getsource(module)
        match = re.search(r'"url": "([^"]+)"', source)
        if match and hasattr(module, "sync_detailed"):
            modules[match.group(1)] = module
    called = skipped = 0
    for path, item in document["paths"].items():
        operation = item["get"]
        module = modules[path]
        example = resolve(document, operation["responses"]["200"])["content"]["application/json"].get("example")
        kwargs = arguments(document, operation, module.sync_detailed)
        if example is None or kwargs is None:
            skipped += 1
            continue

        def answer(request, example=example, action=operation["operationId"]):
            assert request.url.params["Action"] == action, request.url
            return httpx.Response(200, json=example)

        client = root.Client(base_url="https://example.invalid", httpx_args={"transport": httpx.MockTransport(answer)})
        response = module.sync_detailed(client=client, **kwargs)
        assert response.status_code == 200, (path, response.status_code)
        parsed = response.parsed.to_dict()
        assert parsed == example, (path, parsed, example)
        called += 1
    print(f"{file}: {len(modules)} operations imported, {called} called and round-tripped, {skipped} without a complete example")
    directory = os.environ.get("TEST_REPORT_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "counts.tsv"), "a", encoding="utf-8") as f:
            f.write(f"operations called through the generated Python client (all documents)\t{called}\n")
    if called == 0:
        print(f"{file}: no operation called: no operation has a complete example", file=sys.stderr)
        return 1
    return 0 if len(modules) == len(document["paths"]) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} OPENAPI_JSON PACKAGE")
    sys.exit(main(sys.argv[1], sys.argv[2]))
