"""Databases and data sets shipped with the package."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        key="jain2013",
        authors="A. Jain, S. P. Ong, G. Hautier, W. Chen, W. D. Richards, S. Dacek, S. Cholia, "
        "D. Gunter, D. Skinner, G. Ceder, K. A. Persson",
        title="Commentary: The Materials Project: A materials genome approach to accelerating "
        "materials innovation",
        venue="APL Mater. 1, 011002",
        year=2013,
        doi="10.1063/1.4812323",
        note="Materials Project data, CC BY 4.0",
    ),
    Citation(
        key="saal2013",
        authors="J. E. Saal, S. Kirklin, M. Aykol, B. Meredig, C. Wolverton",
        title="Materials Design and Discovery with High-Throughput Density Functional Theory: "
        "The Open Quantum Materials Database (OQMD)",
        venue="JOM 65, 1501",
        year=2013,
        doi="10.1007/s11837-013-0755-4",
        note="OQMD data, CC BY 4.0",
    ),
    Citation(
        key="kirklin2015",
        authors="S. Kirklin, J. E. Saal, B. Meredig, A. Thompson, J. W. Doak, M. Aykol, "
        "S. Rühl, C. Wolverton",
        title="The Open Quantum Materials Database (OQMD): assessing the accuracy of DFT "
        "formation energies",
        venue="npj Comput. Mater. 1, 15010",
        year=2015,
        doi="10.1038/npjcompumats.2015.10",
        note="OQMD data, CC BY 4.0",
    ),
    Citation(
        key="bartel2020",
        authors="C. J. Bartel, A. Trewartha, Q. Wang, A. Dunn, A. Jain, G. Ceder",
        title="A critical examination of compound stability predictions from machine-learned "
        "formation energies",
        venue="npj Comput. Mater. 6, 97",
        year=2020,
        doi="10.1038/s41524-020-00362-y",
        note="decomposition energies of the MP table (regression check)",
    ),
    Citation(
        key="dunn2020",
        authors="A. Dunn, Q. Wang, A. Ganose, D. Dopp, A. Jain",
        title="Benchmarking materials property prediction methods: the Matbench test set and "
        "Automatminer reference algorithm",
        venue="npj Comput. Mater. 6, 138",
        year=2020,
        doi="10.1038/s41524-020-00406-3",
        note="matbench property sets: PBE band gaps, metallicity, elastic moduli",
    ),
    Citation(
        key="zhuo2018",
        authors="Y. Zhuo, A. Mansouri Tehrani, J. Brgoch",
        title="Predicting the Band Gaps of Inorganic Solids by Machine Learning",
        venue="J. Phys. Chem. Lett. 9, 1668",
        year=2018,
        doi="10.1021/acs.jpclett.8b00124",
        note="experimental band gaps",
    ),
    Citation(
        key="janaf1998",
        authors="M. W. Chase Jr.",
        title="NIST-JANAF Thermochemical Tables, 4th ed.",
        venue="J. Phys. Chem. Ref. Data, Monograph 9",
        year=1998,
        doi="10.18434/T42S31",
        note="gas and solid Gibbs energies of formation vs T (US government data)",
    ),
    Citation(
        key="freed2019",
        authors="A. E. Morris",
        title="FREED: Free energy database (thermodynamic data for inorganic compounds)",
        venue="FREED software, v. 2019",
        year=2019,
        url="https://www.thermart.net/freed-thermodynamic-database/",
        note="solid Gibbs energies of formation vs T, as collected by reaction-network",
    ),
    Citation(
        key="mcdermott2021",
        authors="M. J. McDermott, S. S. Dwaraknath, K. A. Persson",
        title="A graph-based network for predicting chemical reaction pathways in solid-state "
        "materials synthesis",
        venue="Nat. Commun. 12, 3097",
        year=2021,
        doi="10.1038/s41467-021-23339-x",
        note="reaction-network project: source of the compiled experimental Gibbs tables",
    ),
    Citation(
        key="ong2013",
        authors="S. P. Ong, W. D. Richards, A. Jain, G. Hautier, M. Kocher, S. Cholia, "
        "D. Gunter, V. L. Chevrier, K. A. Persson, G. Ceder",
        title="Python Materials Genomics (pymatgen): A robust, open-source python library for "
        "materials analysis",
        venue="Comput. Mater. Sci. 68, 314",
        year=2013,
        doi="10.1016/j.commatsci.2012.10.028",
        note="phase diagrams and interface reactions",
    ),
    Citation(
        key="noaa_co2",
        authors="X. Lan, P. Tans, K. W. Thoning",
        title="Trends in globally-averaged CO2 determined from NOAA Global Monitoring "
        "Laboratory measurements",
        venue="NOAA Global Monitoring Laboratory",
        year=2024,
        url="https://gml.noaa.gov/ccgg/trends/global.html",
        note="CO2 in the 'air' atmosphere: 2023 global mean 419 ppm, rounded to 420 ppm",
    ),
]
