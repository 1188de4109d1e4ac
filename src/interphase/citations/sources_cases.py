"""Experiments behind the review's reference cases (interphase.stack.cases, docs/cases/).
Where a DOI could not be seen in a source, the citation gives the page where the reference
was confirmed and says so."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        key="gong2017lco",
        authors="Y. Gong, J. Zhang, L. Jiang, J.-A. Shi, Q. Zhang, Z. Yang, D. Zou, J. Wang, "
        "X. Yu, R. Xiao, Y.-S. Hu, L. Gu, H. Li, L. Chen",
        title="In Situ Atomic-Scale Observation of Electrochemical Delithiation Induced "
        "Structure Evolution of LiCoO2 Cathode in a Working All-Solid-State Battery",
        venue="J. Am. Chem. Soc. 139, 4274",
        year=2017,
        url="https://bvbvf1.bib-bvb.de/vufind/PrimoRecord/cdi_proquest_miscellaneous_1876494061/Details",
        note="LiCoO2 | LLZO | Au cell in in-situ STEM: single-crystal LCO turns into nano-domains "
        "joined by twin and antiphase boundaries on delithiation; DOI not verified here",
    ),
    Citation(
        key="gong2018lnmo",
        authors="Y. Gong, Y. Chen, Q. Zhang, F. Meng, J.-A. Shi, X. Liu, X. Liu, J. Zhang, "
        "H. Wang, J. Wang, Q. Yu, Z. Zhang, Q. Xu, R. Xiao, Y.-S. Hu, L. Gu, H. Li, X. Huang, "
        "L. Chen",
        title="Three-dimensional atomic-scale observation of structural evolution of cathode "
        "material in a working all-solid-state battery",
        venue="Nat. Commun. 9, 3341",
        year=2018,
        doi="10.1038/s41467-018-05833-x",
        note="LNMO in an all-solid-state cell: uneven Li extraction, transition-metal migration "
        "to 4a sites and antiphase boundaries",
    ),
    Citation(
        key="park2016lcollzo",
        authors="K. Park, B.-C. Yu, J.-W. Jung, Y. Li, W. Zhou, H. Gao, S. Son, J. B. Goodenough",
        title="Electrochemical Nature of the Cathode Interface for a Solid-State Lithium-Ion "
        "Battery: Interface between LiCoO2 and Garnet-Li7La3Zr2O12",
        venue="Chem. Mater. 28, 8051",
        year=2016,
        url="https://datapdf.com/electrochemical-nature-of-the-cathode-interface-for-a-solid-"
        "48370813fbd17399d0f7175f2c41cf5759587.html",
        note="fusing LCO and LLZO at high temperature cross-diffuses elements; an interface "
        "made without heating still decomposes above ~3.0 V; DOI not verified here",
    ),
    Citation(
        key="han2018joule",
        authors="F. Han et al.",
        title="Interphase engineering enabled all-ceramic lithium battery",
        venue="Joule 2, 497",
        year=2018,
        doi="10.1016/j.joule.2018.02.007",
        note="co-sintered LCO | LLZO cells with an engineered interphase",
    ),
    Citation(
        key="chen2019membrane",
        authors="X. Chen, W. He, L.-X. Ding, S. Wang, H. Wang",
        title="Enhancing interfacial contact in all solid state batteries with a "
        "cathode-supported solid electrolyte membrane framework",
        venue="Energy Environ. Sci. 12, 938",
        year=2019,
        doi="10.1039/C8EE02617C",
        note="electrolyte cast on the cathode: LiFePO4 | Li cell 125 mAh/g at 0.1C, room "
        "temperature",
    ),
    Citation(
        key="haruta2015",
        authors="M. Haruta, S. Shiraki, T. Suzuki, A. Kumatani, T. Ohsawa, Y. Takagi, "
        "R. Shimizu, T. Hitosugi",
        title="Negligible 'negative space-charge layer effects' at oxide-electrolyte/electrode "
        "interfaces of thin-film batteries",
        venue="Nano Lett. 15, 1498",
        year=2015,
        url="https://datapdf.com/negligible-anegative-space-charge-layer-effectsa-at-oxide-el.html",
        note="8.6 ohm cm2 at a Li3PO4 | epitaxial LiCoO2 interface; DOI not verified here",
    ),
    Citation(
        key="liu2018ald",
        authors="Y. Liu, Q. Sun, Y. Zhao, B. Wang, P. Kaghazchi, K. Adair, R. Li, C. Zhang, "
        "J. Liu, L.-Y. Kuo, Y. Hu, T.-K. Sham, L. Zhang, R. Yang, S. Lu, X. Song, X. Sun",
        title="Stabilizing the interface of NASICON solid electrolyte against Li metal with "
        "atomic layer deposition",
        venue="ACS Appl. Mater. Interfaces 10, 31240",
        year=2018,
        doi="10.1021/acsami.8b06366",
        note="ALD Al2O3 on Li1.3Al0.3Ti1.7(PO4)3 (LATP) against Li metal",
    ),
]
