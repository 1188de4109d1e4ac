"""Sources of the microscopy layer: the multislice code, the detector geometry of the
instrument presets and the Z-dependence of HAADF intensities that the tests check."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        key="madsen2021abtem",
        authors="J. Madsen, T. Susi",
        title="The abTEM code: transmission electron microscopy from first principles",
        venue="Open Res. Europe 1, 24",
        year=2021,
        doi="10.12688/openreseurope.13015.2",
        note="multislice STEM simulation (abTEM 1.0 API: Potential, Probe, GridScan, "
        "AnnularDetector, FrozenPhonons); anti-aliasing keeps 2/3 of the reciprocal grid",
    ),
    Citation(
        key="findlay2010abf",
        authors="S. D. Findlay, N. Shibata, H. Sawada, E. Okunishi, Y. Kondo, Y. Ikuhara",
        title="Dynamics of annular bright field imaging in scanning transmission electron "
        "microscopy",
        venue="Ultramicroscopy 110, 903",
        year=2010,
        doi="10.1016/j.ultramic.2010.04.004",
        note="ABF: an annular detector inside the bright-field cone images light and heavy "
        "columns (DOI and abstract checked on PubMed 20434265); the preset ranges (ABF from "
        "half to the full convergence semi-angle) follow this geometry and are typical "
        "settings, not values copied from the paper's tables",
    ),
    Citation(
        key="krivanek2010adf",
        authors="O. L. Krivanek, M. F. Chisholm, V. Nicolosi, T. J. Pennycook, et al.",
        title="Atom-by-atom structural and chemical analysis by annular dark-field electron "
        "microscopy",
        venue="Nature 464, 571",
        year=2010,
        url="https://www.nature.com/articles/nature08879",
        note="single-atom ADF intensity rising as about Z^1.64 (58-200 mrad); the exponent "
        "and the DOI are not verified here (a url is given)",
    ),
]
