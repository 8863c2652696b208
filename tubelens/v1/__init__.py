"""Generated from protos/tubelens/v1 by `make protos`; do not edit."""
