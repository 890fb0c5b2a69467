#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Validate capejail status objects against docs/status.schema.json.

    status_check.py SCHEMA FILE [JQ-LIKE-CHECKS...]

FILE must hold exactly one JSON object on one line. Implements the subset of
JSON Schema the schema uses (type, const, enum, properties, required,
additionalProperties: false, items, minItems, maxItems, minimum, maximum,
oneOf, local $ref); any other keyword is an error, so the subset cannot
silently grow. Each CHECK is KEY.PATH=VALUE (VALUE as JSON; a number in
PATH indexes an array), e.g. ending="exited" program.exit_code=159
audit.0.name="chroot". Exit 0 valid, 1 invalid, 2 usage.
"""
import json
import sys

IGNORED = {"$schema", "$id", "$defs", "title", "description"}
KNOWN = {"type", "const", "enum", "properties", "required",
         "additionalProperties", "items", "minItems", "maxItems", "minimum",
         "maximum", "oneOf", "$ref"} | IGNORED


def is_type(v, t):
    return {
        "null": v is None,
        "boolean": isinstance(v, bool),
        "integer": isinstance(v, int) and not isinstance(v, bool),
        "string": isinstance(v, str),
        "array": isinstance(v, list),
        "object": isinstance(v, dict),
    }[t]


def errors(v, s, root, path):
    out = []
    for k in s:
        if k not in KNOWN:
            raise SystemExit("status_check: unsupported keyword %s" % k)
    if "$ref" in s:
        node = root
        for part in s["$ref"].lstrip("#/").split("/"):
            node = node[part]
        out += errors(v, node, root, path)
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(v, t) for t in ts):
            return out + ["%s: %r is not %s" % (path, v, s["type"])]
    if "const" in s and (v != s["const"] or type(v) is not type(s["const"])):
        out.append("%s: %r is not %r" % (path, v, s["const"]))
    if "enum" in s and v not in s["enum"]:
        out.append("%s: %r not in %r" % (path, v, s["enum"]))
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "minimum" in s and v < s["minimum"]:
            out.append("%s: %r < %r" % (path, v, s["minimum"]))
        if "maximum" in s and v > s["maximum"]:
            out.append("%s: %r > %r" % (path, v, s["maximum"]))
    if isinstance(v, dict):
        props = s.get("properties", {})
        for k in s.get("required", []):
            if k not in v:
                out.append("%s: missing %s" % (path, k))
        for k, sub in v.items():
            if k in props:
                out += errors(sub, props[k], root, path + "." + k)
            elif s.get("additionalProperties") is False:
                out.append("%s: unexpected member %s" % (path, k))
    if isinstance(v, list):
        if "minItems" in s and len(v) < s["minItems"]:
            out.append("%s: fewer than %d items" % (path, s["minItems"]))
        if "maxItems" in s and len(v) > s["maxItems"]:
            out.append("%s: more than %d items" % (path, s["maxItems"]))
        for i, item in enumerate(v):
            if "items" in s:
                out += errors(item, s["items"], root, "%s[%d]" % (path, i))
    if "oneOf" in s:
        ok = [i for i, sub in enumerate(s["oneOf"])
              if not errors(v, sub, root, path)]
        if len(ok) != 1:
            out.append("%s: matches %d of the oneOf branches, not 1"
                       % (path, len(ok)))
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema = json.load(open(argv[1]))
    text = open(argv[2], "rb").read().decode("ascii")
    if text.count("\n") != 1 or not text.endswith("\n"):
        print("status_check: not one line: %r" % text)
        return 1
    obj = json.loads(text)
    errs = errors(obj, schema, schema, "$")
    for check in argv[3:]:
        key, want = check.split("=", 1)
        node = obj
        for part in key.split("."):
            if isinstance(node, list) and part.isdigit():
                node = node[int(part)] if int(part) < len(node) else None
            else:
                node = node.get(part) if isinstance(node, dict) else None
        if node != json.loads(want):
            errs.append("%s is %r, expected %s" % (key, node, want))
    for e in errs:
        print("status_check: " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
