"""Image helpers shared by the thumbnail and photo card engines: decoding, faces, palettes.

Pure domain code (OpenCV, NumPy, Pillow); nothing here knows about gRPC.
"""
