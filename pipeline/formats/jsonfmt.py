"""Placeholder: replaced by the real reader."""

from pipeline.errors import Rejected


def read(data, context):
    raise Rejected("reader not ready")
