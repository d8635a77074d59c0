"""Property-based tests: random input to every form, POST endpoint, page parameter and import (hypothesis)."""
