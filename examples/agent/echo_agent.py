#!/usr/bin/env python3
"""A minimal `exec` model: reads the prompt on stdin, answers on stdout."""
import sys

prompt = sys.stdin.read()
print(f"You said: {prompt.strip()}")
