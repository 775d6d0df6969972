"""Valid requests built from the OpenAPI schema, one text field at a time.

For every operation with a JSON body, a minimal valid body is built from its
schema and each string property in turn is replaced with a hostile value, so
every free-text field of every endpoint gets the corpus.
"""

import re

DATE = "2026-09-01"
BINARY = object()  # stands for a file of a multipart body


def resolve(schema, spec):
    while isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = spec["components"]["schemas"][name]
    return schema


def _first_variant(schema, spec):
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            variants = [resolve(v, spec) for v in schema[key]]
            variants = [v for v in variants if v.get("type") != "null"] or variants
            return variants[0]
    return schema


def sample(schema, spec):  # noqa: PLR0911 -- one answer per JSON type
    """A small valid value for ``schema``."""
    schema = _first_variant(resolve(schema, spec), spec)
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        return {
            name: sample(prop, spec)
            for name, prop in schema.get("properties", {}).items()
            if name in required
        }
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    return _sample_string(schema)


def _sample_string(schema):
    fmt = schema.get("format")
    if fmt == "binary":
        return BINARY
    if fmt == "date":
        return DATE
    if fmt == "date-time":
        return f"{DATE}T09:00:00+08:00"
    if fmt == "time":
        return "09:00:00"
    if fmt == "email":
        return "someone@example.org"
    return "示例" * max(1, schema.get("minLength", 1))


def string_fields(schema, spec):
    """Names of the free-text properties of a body schema (not enums/formats)."""
    schema = _first_variant(resolve(schema, spec), spec)
    names = []
    for name, declared in schema.get("properties", {}).items():
        prop = _first_variant(resolve(declared, spec), spec)
        if prop.get("type") == "string" and not (
            {"enum", "format", "pattern"} & set(prop)
        ):
            names.append((name, prop.get("maxLength")))
    return names


BODY_TYPES = (
    "application/json",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
)


def body_operations(spec):
    """``(method, path, media_type, body_schema)`` of operations with a body."""
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media_type in BODY_TYPES:
                body = content.get(media_type, {}).get("schema")
                if body is not None:
                    yield (
                        method,
                        concrete_path(path, operation, spec),
                        media_type,
                        body,
                    )
                    break


def concrete_path(path, operation, spec):
    def value(match):
        for param in operation.get("parameters", []):
            if param["name"] == match.group(1):
                return str(sample(param.get("schema", {}), spec))
        return "1"

    return re.sub(r"\{(\w+)\}", value, path)
