"""Sources of the physical-contact layer: mechanics of Li and of electrode/electrolyte
materials, contact mechanics, constriction resistance, chemo-mechanics and Li-anode models."""

from interphase.citations import Citation

SOURCES = [
    # --- Li metal mechanics -------------------------------------------------------------------
    Citation(
        key="masias2019",
        authors="A. Masias, N. Felten, R. Garcia-Mendez, J. Wolfenstine, J. Sakamoto",
        title="Elastic, plastic, and creep mechanical properties of lithium metal",
        venue="J. Mater. Sci. 54, 2585",
        year=2019,
        doi="10.1007/s10853-018-2971-3",
        note="Li elastic moduli (ultrasound), yield strength, creep stress exponent; tension-creep "
        "minimum rates (ESM Table S1) used to check the Li creep law",
    ),
    Citation(
        key="lepage2019",
        authors="W. S. LePage, Y. Chen, E. Kazyak, K.-H. Chen, A. J. Sanchez, A. Poli, "
        "E. M. Arruda, M. D. Thouless, N. P. Dasgupta",
        title="Lithium Mechanics: Roles of Strain Rate and Temperature and Implications for "
        "Lithium Metal Batteries",
        venue="J. Electrochem. Soc. 166, A89",
        year=2019,
        doi="10.1149/2.0221902jes",
        note="Li power-law creep: n = 6.6, Q = 37 kJ/mol as attributed (paper text not "
        "retrieved); prefactor 4.25e4 1/s checked against masias2019 creep rates",
    ),
    Citation(
        key="zhang2020whisker",
        authors="L. Zhang, T. Yang, C. Du, Q. Liu, Y. Tang, J. Zhao, B. Wang, T. Chen, Y. Sun, "
        "P. Jia, H. Li, L. Geng, J. Chen, H. Ye, Z. Wang, Y. Li, H. Sun, X. Li, Q. Dai, Y. Tang, "
        "Q. Peng, T. Shen, S. Zhang, T. Zhu, J. Huang",
        title="Lithium whisker growth and stress generation in an in situ atomic force "
        "microscope-environmental transmission electron microscope set-up",
        venue="Nat. Nanotechnol. 15, 94",
        year=2020,
        doi="10.1038/s41565-019-0604-x",
        note="Li whisker growth stress (~130 MPa) and submicron yield strength (up to 244 MPa)",
    ),
    # --- electrode / electrolyte mechanics ----------------------------------------------------
    Citation(
        key="koerver2018",
        authors="R. Koerver, W. Zhang, L. de Biasi, S. Schweidler, A. O. Kondrakov, S. Kolling, "
        "T. Brezesinski, P. Hartmann, W. G. Zeier, J. Janek",
        title="Chemo-mechanical expansion of lithium electrode materials - on the route to "
        "mechanically optimized all-solid-state batteries",
        venue="Energy Environ. Sci. 11, 2142",
        year=2018,
        doi="10.1039/C8EE00907D",
        note="volume change of LCO/NCM on delithiation; compiled elastic constants (Table 1)",
    ),
    Citation(
        key="ni2012",
        authors="J. E. Ni, E. D. Case, J. S. Sakamoto, E. Rangasamy, J. B. Wolfenstine",
        title="Room temperature elastic moduli and Vickers hardness of hot-pressed LLZO cubic "
        "garnet",
        venue="J. Mater. Sci. 47, 7978",
        year=2012,
        doi="10.1007/s10853-012-6687-5",
        note="LLZO Young's and shear moduli, Poisson ratio, Vickers hardness",
    ),
    Citation(
        key="hu_llzto_mechanics",
        authors="Hu, Xu, de Vasconcelos, Stanciu, Ni, Zhao (as listed by the abstract page)",
        title="Elastic Modulus, Hardness, and Fracture Toughness of Li6.4La3Zr1.4Ta0.6O12 "
        "Solid Electrolyte",
        venue="Chinese Phys. Lett.",
        year=2022,
        url="https://par.nsf.gov/biblio/10352322",
        note="LLZTO nanoindentation: E 158 GPa, H 11.3 GPa, K_IC 0.44-1.51 MPa m^0.5 as "
        "relative density rises from 83 to 98 % (abstract; DOI not shown there, year not verified)",
    ),
    Citation(
        key="mcgrogan2017",
        authors="F. P. McGrogan, T. Swamy, S. R. Bishop, E. Eggleton, L. Porz, X. Chen, "
        "Y.-M. Chiang, K. J. Van Vliet",
        title="Compliant Yet Brittle Mechanical Behavior of Li2S-P2S5 Lithium-Ion-Conducting "
        "Solid Electrolyte",
        venue="Adv. Energy Mater. 7, 1602011",
        year=2017,
        doi="10.1002/aenm.201602011",
        note="75Li2S-25P2S5 glass: Young's modulus, hardness, fracture toughness",
    ),
    Citation(
        key="herbert2011",
        authors="E. G. Herbert, W. E. Tenhaeff, N. J. Dudney, G. M. Pharr",
        title="Mechanical characterization of LiPON films using nanoindentation",
        venue="Thin Solid Films 520, 413",
        year=2011,
        doi="10.1016/j.tsf.2011.07.068",
        note="LiPON Young's modulus, hardness, Poisson ratio",
    ),
    # --- contact mechanics and constriction ---------------------------------------------------
    Citation(
        key="greenwood1966",
        authors="J. A. Greenwood, J. B. P. Williamson",
        title="Contact of nominally flat surfaces",
        venue="Proc. R. Soc. Lond. A 295, 300",
        year=1966,
        doi="10.1098/rspa.1966.0242",
        note="Greenwood-Williamson asperity model of rough contact",
    ),
    Citation(
        key="persson2001",
        authors="B. N. J. Persson",
        title="Theory of rubber friction and contact mechanics",
        venue="J. Chem. Phys. 115, 3840",
        year=2001,
        doi="10.1063/1.1388626",
        note="Persson contact-area theory (area fraction = erf form)",
    ),
    Citation(
        key="johnson1985",
        authors="K. L. Johnson",
        title="Contact Mechanics",
        venue="Cambridge University Press",
        year=1985,
        doi="10.1017/CBO9781139171731",
        note="Hertz contact, composite modulus, hardness ~ 3 x yield (Tabor)",
    ),
    Citation(
        key="newman1966",
        authors="J. Newman",
        title="Resistance for Flow of Current to a Disk",
        venue="J. Electrochem. Soc. 113, 501",
        year=1966,
        doi="10.1149/1.2424003",
        note="spreading resistance of a disk electrode, R = rho/(4a)",
    ),
    Citation(
        key="cooper1969",
        authors="M. G. Cooper, B. B. Mikic, M. M. Yovanovich",
        title="Thermal contact conductance",
        venue="Int. J. Heat Mass Transfer 12, 279",
        year=1969,
        doi="10.1016/0017-9310(69)90011-8",
        note="constriction alleviation factor (1 - sqrt(f))^1.5 for spots in flux tubes",
    ),
    # --- chemo-mechanics ---------------------------------------------------------------------
    Citation(
        key="eshelby1957",
        authors="J. D. Eshelby",
        title="The determination of the elastic field of an ellipsoidal inclusion, and related "
        "problems",
        venue="Proc. R. Soc. Lond. A 241, 376",
        year=1957,
        doi="10.1098/rspa.1957.0133",
        note="misfitting spherical inclusion in an elastic matrix",
    ),
    Citation(
        key="hutchinson1992",
        authors="J. W. Hutchinson, Z. Suo",
        title="Mixed mode cracking in layered materials",
        venue="Adv. Appl. Mech. 29, 63",
        year=1992,
        doi="10.1016/S0065-2156(08)70164-9",
        note="steady-state delamination energy release rate of a stressed film",
    ),
    # --- Li anode: voids and dendrites -------------------------------------------------------
    Citation(
        key="monroe2005",
        authors="C. Monroe, J. Newman",
        title="The Impact of Elastic Deformation on Deposition Kinetics at Lithium/Polymer "
        "Interfaces",
        venue="J. Electrochem. Soc. 152, A396",
        year=2005,
        doi="10.1149/1.1850854",
        note="dendrite suppression when G_electrolyte/G_Li exceeds about 2",
    ),
    Citation(
        key="porz2017",
        authors="L. Porz, T. Swamy, B. W. Sheldon, D. Rettenwander, T. Frömling, H. L. Thaman, "
        "S. Berendts, R. Uecker, W. C. Carter, Y.-M. Chiang",
        title="Mechanism of Lithium Metal Penetration through Inorganic Solid Electrolytes",
        venue="Adv. Energy Mater. 7, 1701003",
        year=2017,
        doi="10.1002/aenm.201701003",
        note="Griffith-type critical current density vs flaw size and fracture toughness",
    ),
    Citation(
        key="kasemchainan2019",
        authors="J. Kasemchainan, S. Zekoll, D. Spencer Jolly, Z. Ning, G. O. Hartley, "
        "J. Marrow, P. G. Bruce",
        title="Critical stripping current leads to dendrite formation on plating in lithium "
        "anode solid electrolyte cells",
        venue="Nat. Mater. 18, 1105",
        year=2019,
        doi="10.1038/s41563-019-0438-9",
        note="void formation on stripping when Li supply by diffusion and creep is too slow",
    ),
]
