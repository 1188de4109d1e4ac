"""Sources of the published Li migration barriers in atomistic/barrier_references.py.

Each value was read in the source's abstract as retrieved (the `url` says where when no DOI
could be checked); the conditions kept with a value are only those that text states.
"""

from interphase.citations import Citation

SOURCES = [
    Citation(
        key="ouyang2004lfp",
        authors="C. Ouyang, S. Shi, Z. Wang, X. Huang, L. Chen",
        title="First-principles study of Li ion diffusion in LiFePO4",
        venue="Phys. Rev. B 69, 104303",
        year=2004,
        doi="10.1103/PhysRevB.69.104303",
        note="barrier ~0.6 eV along the one-dimensional channel of LiFePO4 (adiabatic-trajectory "
        "first-principles method); 1.2 eV in FePO4, 1.5 eV in Li0.5FePO4",
    ),
    Citation(
        key="du2007li3po4",
        authors="Y. A. Du, N. A. W. Holzwarth",
        title="Li ion diffusion mechanisms in the crystalline electrolyte gamma-Li3PO4",
        venue="J. Electrochem. Soc. 154, A999",
        year=2007,
        doi="10.1149/1.2772200",
        note="DFT + NEB: vacancy hopping Em = 0.6 eV, interstitialcy Em = 0.2 eV, Frenkel pair "
        "Ef = 1.6 eV, EA = 1.0-1.2 eV (experiment 1.1-1.3 eV)",
    ),
    Citation(
        key="chen2011sei",
        authors="Y. C. Chen, C. Y. Ouyang, L. J. Song, Z. L. Sun",
        title="Electrical and lithium ion dynamics in three main components of solid electrolyte "
        "interphase from density functional theory study",
        venue="J. Phys. Chem. C",
        year=2011,
        url="https://datapdf.com/electrical-and-lithium-ion-dynamics-in-three-main-components01"
        "bff45a8ebd570d6dce94c7c7f3963c336.html",
        note="DFT + NEB, Li vacancy migration: Li2CO3 0.227-0.491 eV, Li2O 0.152 eV, LiF 0.729 eV "
        "(abstract); DOI, volume and pages not verified here, so the copy that was read is given",
    ),
    Citation(
        key="sarnthein1996li3n",
        authors="J. Sarnthein, K. Schwarz, P. E. Blöchl",
        title="Ab initio molecular-dynamics study of diffusion and defects in solid Li3N",
        venue="Phys. Rev. B 53, 9084",
        year=1996,
        doi="10.1103/PhysRevB.53.9084",
        note="Car-Parrinello (PAW) static barriers of Li vacancy jumps: 0.004 eV within the Li2N "
        "plane, 0.58 eV perpendicular to it",
    ),
    Citation(
        key="lang2015ltp",
        authors="B. Lang, B. Ziebarth, C. Elsässer",
        title="Lithium ion conduction in LiTi2(PO4)3 and related compounds based on the NASICON "
        "structure: a first-principles study",
        venue="Chem. Mater. 27",
        year=2015,
        url="https://datapdf.com/lithium-ion-conduction-in-liti-american-chemical-society.html",
        note="DFT: interstitial Li in bulk LiTi2(PO4)3 about 0.19 eV; vacancy migration "
        "0.29-0.75 eV across substituted LXTP compounds (abstract); DOI not verified here",
    ),
    Citation(
        key="lepley2012lps",
        authors="N. D. Lepley, N. A. W. Holzwarth",
        title="Computer modeling of crystalline electrolytes: lithium thiophosphates and "
        "phosphates",
        venue="J. Electrochem. Soc. 159, A538",
        year=2012,
        doi="10.1149/2.jes113225",
        note="DFT + NEB: minimum activation energy of Li7P3S11 EA = 0.15 eV for a vacancy "
        "mechanism (conductivity measurements: 0.12 eV)",
    ),
    Citation(
        key="islam2016li2tio3",
        authors="M. M. Islam, T. Bredow",
        title="Lithium diffusion pathways in beta-Li2TiO3: a theoretical study",
        venue="J. Phys. Chem. C",
        year=2016,
        url="https://datapdf.com/lithium-diffusion-pathways-in-li2tio3-a-theoretical-study-th.html",
        note="periodic DFT: activation energies 0.44-0.54 eV in the ab plane and perpendicular to "
        "the LiTi2 layers (abstract); DOI not verified here",
    ),
    Citation(
        key="llzo2021selfdiffusion",
        authors="authors not retrieved (see the DOI)",
        title="Self-diffusion in garnet-type Li7La3Zr2O12 solid electrolytes",
        venue="Sci. Rep.",
        year=2021,
        doi="10.1038/s41598-020-79919-2",
        note="atomistic (classical-potential) simulation of tetragonal LLZO: vacancy-mediated Li "
        "migration activation energy 0.45 eV, O 1.65 eV (abstract)",
    ),
    Citation(
        key="li3nbo4_2019",
        authors="authors not retrieved (see the DOI)",
        title="(title not retrieved; the abstract studies defect properties, doping and Li-ion "
        "migration paths in Li3NbO4)",
        venue="Sci. Rep.",
        year=2019,
        doi="10.1038/s41598-018-37466-x",
        note="static atomistic (classical-potential) simulation: lowest vacancy-assisted Li "
        "migration path 1.13 eV, two-dimensional zig-zag (abstract)",
    ),
    Citation(
        key="stauffer2018liti2o4",
        authors="S. K. Stauffer, L. Vilciauskas",
        title="Computational study of chemical and electrochemical intercalation of Li into "
        "Li1+xTi2O4 spinel structures",
        venue="J. Phys. Chem. C",
        year=2018,
        doi="10.1021/acs.jpcc.8b00873",
        note="0.70 eV for a single Li+ to diffuse through LiTi2O4; 0.28 eV to form Li2Ti2O4 at "
        "the surface (abstract)",
    ),
    Citation(
        key="stamminger2020li4p2s6",
        authors="A. R. Stamminger, B. Ziebarth, M. Mrovec, T. Hammerschmidt, R. Drautz",
        title="Fast diffusion mechanism in Li4P2S6 via a concerted process of interstitial Li ions",
        venue="RSC Adv. 10",
        year=2020,
        doi="10.1039/D0RA00932F",
        note="AIMD + NEB: concerted interstitial barrier 0.08 eV; purely interstitial 0.51 eV "
        "(Dietrich et al., quoted in the abstract)",
    ),
    Citation(
        key="devi2025migration",
        authors="R. Devi, A. Balasubramanian, K. T. Butler, G. Sai Gautam",
        title="A literature-derived dataset of migration barriers for quantifying ionic "
        "transport in battery materials",
        venue="arXiv:2508.06459 (dataset: github.com/sai-mat-group/migration-barrier-dataset, "
        "TABULATION-GIT-HUB.xlsx, commit 4c3b6e4)",
        year=2025,
        url="https://arxiv.org/abs/2508.06459",
        note="DFT-NEB migration barriers collected from the literature, one row per path with "
        "its exchange-correlation functional, space group and path label; read from the "
        "dataset's table, a second-hand source: the original paper of each row is named in the "
        "dataset's JSON, which could not be read here",
    ),
    Citation(
        key="moradabadi2016li2s",
        authors="A. Moradabadi, P. Kaghazchi",
        title="Thermodynamics and kinetics of defects in Li2S",
        venue="Appl. Phys. Lett. 108, 213906",
        year=2016,
        doi="10.1063/1.4952434",
        note="DFT: a negatively charged Li vacancy moves by single-vacancy hopping with a 0.27 eV "
        "barrier; interstitial Li+ by an exchange (interstitialcy) mechanism, 0.45 eV (abstract)",
    ),
    Citation(
        key="morgan2010anatase",
        authors="B. J. Morgan, G. W. Watson",
        title="GGA+U description of lithium intercalation into anatase TiO2",
        venue="Phys. Rev. B 82, 144119",
        year=2010,
        url="https://123docz.net/document/11741165-gga-u-description-of-lithium-intercalation-"
        "into-anatase-tio-2.htm",
        note="GGA and GGA+U NEB: barriers to inter-octahedral diffusion of interstitial Li of "
        "about 0.6 eV (abstract); DOI not verified here",
    ),
]
