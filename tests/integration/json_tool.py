#!/usr/bin/python3
"""Helpers for the -json tests (standard library + python3-jsonschema).

json_tool.py split FILE
    FILE is s_client's stdout: one JSON document, then the peer's data.
    Writes FILE.json (the document, exactly one) and FILE.rest (what follows).
    Fails if stdout does not start with a JSON document.
json_tool.py validate SCHEMA DOC
    Validates DOC (a FILE.json) against the JSON Schema; prints every error.
json_tool.py get DOC PATH
    Prints the value at PATH (dots and list indexes: peer_chain.0.subject);
    strings raw, null as "null", booleans as true/false, others as JSON;
    PATH ending in ".length" prints the length of the list or object.
"""
import json
import sys


def split(path):
    text = open(path, encoding="utf-8", errors="surrogateescape").read()
    stripped = text.lstrip()
    try:
        doc, end = json.JSONDecoder().raw_decode(stripped)
    except json.JSONDecodeError as e:
        sys.exit(f"{path}: stdout does not start with a JSON document: {e}")
    rest = stripped[end:]
    if rest.startswith("\n"):
        rest = rest[1:]
    # Exactly one document: the rest must not be another one.
    if rest.lstrip().startswith("{"):
        try:
            json.JSONDecoder().raw_decode(rest.lstrip())
            sys.exit(f"{path}: more than one JSON document")
        except json.JSONDecodeError:
            pass
    with open(path + ".json", "w") as f:
        json.dump(doc, f, indent=1)
    with open(path + ".rest", "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(rest)


def validate(schema_path, doc_path):
    import jsonschema
    schema = json.load(open(schema_path))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = list(cls(schema).iter_errors(json.load(open(doc_path))))
    for e in errors:
        print(f"{doc_path}: {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}")
    sys.exit(1 if errors else 0)


def get(doc_path, path):
    v = json.load(open(doc_path))
    parts = path.split(".")
    if parts[-1] == "length":
        for part in parts[:-1]:
            v = v[int(part)] if isinstance(v, list) else v[part]
        print(len(v))
        return
    for part in parts:
        v = v[int(part)] if isinstance(v, list) else v[part]
    if isinstance(v, str):
        print(v)
    else:
        print(json.dumps(v))


if __name__ == "__main__":
    cmd = sys.argv[1]
    {"split": split, "validate": validate, "get": get}[cmd](*sys.argv[2:])
