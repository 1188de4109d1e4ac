"""Sources of the atomistic layer: ML potentials, diffusion statistics, BVSE, interfaces, the
crystal structures built from published data (see data/structures/SOURCES.md), and the Li-ion
transport reference values of atomistic/references.py."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        key="deng2023chgnet",
        authors="B. Deng, P. Zhong, K. Jun, J. Riebesell, K. Han, C. J. Bartel, G. Ceder",
        title="CHGNet as a pretrained universal neural network potential for charge-informed "
        "atomistic modelling",
        venue="Nat. Mach. Intell. 5, 1031",
        year=2023,
        doi="10.1038/s42256-023-00716-3",
        note="CHGNet potential (default ML potential; energy MAE 30 meV/atom on MPtrj test)",
    ),
    Citation(
        key="park2024sevennet",
        authors="Y. Park, J. Kim, S. Hwang, S. Han",
        title="Scalable Parallel Algorithm for Graph Neural Network Interatomic Potentials in "
        "Molecular Dynamics Simulations",
        venue="J. Chem. Theory Comput. 20, 4857",
        year=2024,
        doi="10.1021/acs.jctc.4c00190",
        note="SevenNet-0 potential (optional)",
    ),
    Citation(
        key="wang2021mp2020",
        authors="A. Wang, R. Kingsbury, M. McDermott, M. Horton, A. Jain, S. P. Ong, "
        "S. Dwaraknath, K. A. Persson",
        title="A framework for quantifying uncertainty in DFT energy corrections",
        venue="Sci. Rep. 11, 15496",
        year=2021,
        doi="10.1038/s41598-021-94550-5",
        note="MaterialsProject2020Compatibility: correction scheme of CHGNet's training energies",
    ),
    Citation(
        key="mccluskey2023kinisi",
        authors="A. R. McCluskey, S. W. Coles, B. J. Morgan",
        title="Accurate estimation of diffusion coefficients and their uncertainties from "
        "computer simulation",
        venue="arXiv:2305.18244",
        year=2023,
        doi="10.48550/arXiv.2305.18244",
        note="covariance of overlapping-window MSD and GLS fit of D (kinisi approach)",
    ),
    Citation(
        key="chen2017softbv",
        authors="H. Chen, S. Adams",
        title="Bond softness sensitive bond-valence parameters for crystal structure plausibility "
        "tests",
        venue="IUCrJ 4, 614",
        year=2017,
        doi="10.1107/S2052252517010211",
        note="softBV parameters of the BVSE maps",
    ),
    Citation(
        key="bvlain",
        authors="A. Dembitskiy",
        title="BVlain: bond valence site energy and void space analysis of ionic conductors",
        venue="software (PyPI bvlain)",
        year=2023,
        url="https://github.com/dembart/BVlain",
        note="BVSE maps and percolation barriers",
    ),
    Citation(
        key="larsen2017ase",
        authors="A. H. Larsen, J. J. Mortensen, J. Blomqvist, I. E. Castelli, et al.",
        title="The atomic simulation environment—a Python library for working with atoms",
        venue="J. Phys.: Condens. Matter 29, 273002",
        year=2017,
        doi="10.1088/1361-648X/aa680e",
        note="ASE: MD integrators, thermostats, optimisers",
    ),
    Citation(
        key="jacobsen1996emt",
        authors="K. W. Jacobsen, P. Stoltze, J. K. Nørskov",
        title="A semi-empirical effective medium theory for metals and alloys",
        venue="Surf. Sci. 366, 394",
        year=1996,
        doi="10.1016/0039-6028(96)00816-3",
        note="EMT potential, used only to test the MD machinery",
    ),
    Citation(
        key="zur1984",
        authors="A. Zur, T. C. McGill",
        title="Lattice match: An application to heteroepitaxy",
        venue="J. Appl. Phys. 55, 378",
        year=1984,
        doi="10.1063/1.333084",
        note="lattice matching of interface models (ZSL algorithm)",
    ),
    Citation(
        key="lewis1982",
        authors="J. Lewis, D. Schwarzenbach, H. D. Flack",
        title="Electric field gradients and charge density in corundum, α-Al2O3",
        venue="Acta Crystallogr. A 38, 733",
        year=1982,
        doi="10.1107/S0567739482001478",
        note="corundum Al2O3 structure (bundled CIF)",
    ),
    Citation(
        key="keffer1967",
        authors="C. Keffer, A. Mighell, F. Mauer, H. Swanson, S. Block",
        title="The crystal structure of twinned low-temperature lithium phosphate",
        venue="Inorg. Chem. 6, 119",
        year=1967,
        doi="10.1021/ic50047a027",
        note="β-Li3PO4 (Pmn2_1) structure (bundled CIF)",
    ),
    Citation(
        key="effenberger1979",
        authors="H. Effenberger, J. Zemann",
        title="Verfeinerung der Kristallstruktur des Lithiumkarbonates, Li2CO3",
        venue="Z. Kristallogr. 150, 133",
        year=1979,
        doi="10.1524/zkri.1979.150.14.133",
        note="Li2CO3 (C2/c) structure (bundled CIF)",
    ),
    Citation(
        key="brown1965",
        authors="A. Brown, S. Rundqvist",
        title="Refinement of the crystal structure of black phosphorus",
        venue="Acta Crystallogr. 19, 684",
        year=1965,
        doi="10.1107/S0365110X65004140",
        note="black phosphorus: elemental P reference of ML-potential formation energies",
    ),
    Citation(
        key="kuhn2013lgps",
        authors="A. Kuhn, V. Duppel, B. V. Lotsch",
        title="Tetragonal Li10GeP2S12 and Li7GePS8 - exploring the Li ion dynamics in LGPS Li "
        "electrolytes",
        venue="Energy Environ. Sci. 6, 3548",
        year=2013,
        url="https://epub.ub.uni-muenchen.de/22657/",
        note="LGPS bulk Li hopping, E_A ~ 0.22 eV, sigma ~ 1e-2 S/cm (impedance, 7Li PFG NMR and "
        "relaxometry); doi unverified (not retrieved here, so none is given)",
    ),
    Citation(
        key="materzanini2020",
        authors="G. Materzanini, L. Kahle, A. Marcolongo, N. Marzari",
        title="Electrolytes for Li-ion all-solid-state batteries: a first-principles comparative "
        "study of Li10GeP2O12 and Li10GeP2S12 in the LISICON and LGPS phases",
        venue="arXiv:2010.08068",
        year=2020,
        doi="10.48550/arXiv.2010.08068",
        note="Car-Parrinello MD (NVT and NPT): E_a 0.18 eV tetragonal, 0.23 eV orthorhombic LGPS; "
        "journal version not verified here",
    ),
    Citation(
        key="roseronavarro2023",
        authors="N. C. Rosero-Navarro, H. Niwa, A. Miura, K. Tadanaga",
        title="Two-step liquid-phase synthesis of argyrodite Li6PS5Cl solid electrolyte using "
        "nonionic surfactant",
        venue="Bol. Soc. Esp. Ceram. Vidr. 62, 187",
        year=2023,
        url="https://www.elsevier.es/en-revista-boletin-sociedad-espanola-ceramica-vidrio-26-"
        "articulo-two-step-liquid-phase-synthesis-argyrodite-li6ps5cl-S0366317521001096",
        note="liquid-phase Li6PS5Cl: 2.0e-4 S/cm, E_a 0.22 eV; doi unverified (not retrieved "
        "here, so none is given)",
    ),
    Citation(
        key="deng2025softening",
        authors="B. Deng, Y. Choi, P. Zhong, J. Riebesell, S. Anand, Z. Li, K. Jun, "
        "K. A. Persson, G. Ceder",
        title="Systematic softening in universal machine learning interatomic potentials",
        venue="npj Comput. Mater.",
        year=2025,
        doi="10.1038/s41524-024-01500-6",
        note="M3GNet, CHGNet and MACE-MP-0 underpredict PES curvature, hence ion migration "
        "barriers: why uMLIP-MD activation energies are compared with references",
    ),
    Citation(
        key="stoffler2018",
        authors="H. Stöffler, T. Zinkevich, M. Yavuz, A. Senyshyn, J. Kulisch, P. Hartmann, "
        "T. Adermann, S. Randau, F. H. Richter, J. Janek, S. Indris, H. Ehrenberg",
        title="Li+-Ion Dynamics in beta-Li3PS4 Observed by NMR: Local Hopping and Long-Range "
        "Transport",
        venue="J. Phys. Chem. C 122, 15954",
        year=2018,
        doi="10.1021/acs.jpcc.8b05431",
        note="beta-Li3PS4, 7Li PFG NMR: D = 9e-14 m^2/s at 298 K, E_a 0.24 eV, sigma estimated "
        "1.0e-4 S/cm, matching impedance of pellets (abstract)",
    ),
    Citation(
        key="gobet2014",
        authors="M. Gobet, S. Greenbaum, G. Sahu, C. Liang",
        title="Structural Evolution and Li Dynamics in Nanophase Li3PS4 by Solid-State and "
        "Pulsed-Field Gradient NMR",
        venue="Chem. Mater. 26, 3558",
        year=2014,
        doi="10.1021/cm5012058",
        note="nanoporous beta-Li3PS4 conducts some 3 orders of magnitude better than the "
        "crystalline gamma phase (abstract)",
    ),
]
