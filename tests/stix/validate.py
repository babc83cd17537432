#!/usr/bin/env python3
"""Validates a STIX bundle file against a JSON schema (draft 2020-12) with python3-jsonschema.

Usage: validate.py SCHEMA BUNDLE. Prints "valid" and exits 0, or prints each error (its JSON
path and message) and exits 1; exits 2 when the schema itself is not a valid schema.
"""
import json
import sys

import jsonschema


def main(schema_path, bundle_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        print(f"bad schema: {error.message}")
        return 2
    with open(bundle_path, encoding="utf-8") as f:
        bundle = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(bundle), key=lambda e: list(e.absolute_path))
    for error in errors[:20]:
        path = "/".join(str(p) for p in error.absolute_path)
        print(f"{path}: {error.message[:300]}")
    if errors:
        print(f"{len(errors)} errors")
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
