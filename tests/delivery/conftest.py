"""The delivery tests (offline, sub-path, file://, print, dist, reproducible):
helpers live in sitecrawl.py and browsing.py next to this file."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
