"""Simulated STEM images (abTEM multislice) and structure fingerprints of interface models.

- `presets`: named probe-corrected instruments (voltage, convergence, detector angles).
- `orient`: a structure turned along a zone axis [uvw] into an orthogonal multislice cell.
- `stem`: HAADF/ABF/BF images with frozen phonons, finite source size and dose noise.
- `fingerprint`: layered/spinel/rock-salt cation order, cubic/tetragonal LLZO, twin and
  antiphase boundaries along depth, and the layer-contrast profile of an image.
- `models`: cation-mixed variants of a layered cathode (antisite exchange).
- `compare`: experimental images (PNG/TIFF/DM3/DM4) scored against simulated models.
- `series`: images of a sequence of models as a strip with the layer-contrast profile.

abTEM is imported only when an image is simulated (extra `microscopy`).
"""
