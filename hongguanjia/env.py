"""Settings read from the environment.

Every setting of the platform is read from a variable named ``HGJ_<NAME>``;
the one exception is ``DATABASE_URL``, the name every hosting tool expects.
"""

import os


def env(name, default=None):
    return os.environ.get(f"HGJ_{name}", default)


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
