"""Sources of the materials catalog: operating potentials and Li+ conductivities."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        "gong2020",
        "Y. Gong, L. Gu",
        "Interfaces in all-solid-state lithium batteries (review)",
        "Acta Phys. Sin. 69, 226801",
        2020,
        url="https://wulixb.iphy.ac.cn",
        note="the review that defines the three interface levels and reference cases; "
        "article 226801 (its DOI could not be verified here, so none is given)",
    ),
    Citation(
        "zhu2015",
        "Y. Zhu, X. He, Y. Mo",
        "Origin of Outstanding Stability in the Lithium "
        "Solid Electrolyte Materials: Insights from Thermodynamic Analyses Based on "
        "First-Principles Calculations",
        "ACS Appl. Mater. Interfaces 7, 23685",
        2015,
        doi="10.1021/acsami.5b07517",
        note="electrochemical windows of solid electrolytes",
    ),
    Citation(
        "kraft2017",
        "M. A. Kraft et al. (with W. G. Zeier)",
        "Influence of Lattice Polarizability on the Ionic Conductivity in the Lithium "
        "Superionic Argyrodites Li6PS5X (X = Cl, Br, I)",
        "J. Am. Chem. Soc. 139, 10909",
        2017,
        doi="10.1021/jacs.7b06327",
        note="Li6PS5Cl room-temperature conductivity 2.05e-3 S/cm, as curated in the OBELiX "
        "set (github.com/NRC-Mila/OBELiX, data/downloads/all.csv); the paper's text was not "
        "read here",
    ),
    Citation(
        "fu1997",
        "J. Fu",
        "Fast Li+ ion conducting glass-ceramics in the system Li2O-Al2O3-GeO2-P2O5",
        "Solid State Ionics 104, 191",
        1997,
        doi="10.1016/S0167-2738(97)00434-7",
        note="LAGP glass-ceramic 2.18e-4 S/cm at 25 C, as curated in the Liverpool Ionics "
        "Dataset (copy in github.com/NRC-Mila/OBELiX, data/misc/LiIonDatabase.csv, ID 249)",
    ),
    Citation(
        "rai2024",
        "K. Rai, S. Kundu",
        "Rapid cooling method for synthesis of high conducting rhombohedral phase stabilized "
        "LiZr2(PO4)3 solid electrolyte",
        "Phys. Scr. (2024)",
        2024,
        doi="10.1088/1402-4896/ad25b7",
        note="LiZr2(PO4)3: triclinic ~1e-8, rhombohedral ~1e-5 S/cm; quenched rhombohedral "
        "0.9e-5 S/cm at room temperature (abstract)",
    ),
    Citation(
        "richards2016",
        "W. D. Richards, L. J. Miara, Y. Wang, J. C. Kim, G. Ceder",
        "Interface Stability in Solid-State Batteries",
        "Chem. Mater. 28, 266",
        2016,
        doi="10.1021/acs.chemmater.5b04082",
        note="pseudo-binary interface reactions at an electrode potential",
    ),
    Citation(
        "xiao2019",
        "Y. Xiao, L. J. Miara, Y. Wang, G. Ceder",
        "Computational Screening of Cathode Coatings for Solid-State Batteries",
        "Joule 3, 1252",
        2019,
        doi="10.1016/j.joule.2019.02.006",
        note="coating screening criteria",
    ),
    Citation(
        "hautier2012",
        "G. Hautier, S. P. Ong, A. Jain, C. J. Moore, G. Ceder",
        "Accuracy of density functional theory in predicting formation energies of ternary "
        "oxides from binary oxides and its implication on phase stability",
        "Phys. Rev. B 85, 155208",
        2012,
        doi="10.1103/PhysRevB.85.155208",
        note="GGA(+U) reaction-energy error, ~24 meV/atom: sets the kinetic threshold",
    ),
    Citation(
        "vardar2018",
        "G. Vardar, W. J. Bowman, Q. Lu, J. Wang, R. J. Chater, A. Aguadero, "
        "R. Seibert, J. Terry, A. Hunt, I. Waluyo, D. D. Fong, A. Jarry, E. J. Crumlin, "
        "S. L. Hellstrom, Y.-M. Chiang, B. Yildiz",
        "Structure, Chemistry, and Charge "
        "Transfer Resistance of the Interface between Li7La3Zr2O12 Electrolyte and LiCoO2 "
        "Cathode",
        "Chem. Mater. 30, 6259",
        2018,
        doi="10.1021/acs.chemmater.8b01713",
        note="Li2CO3 at annealed LCO/LLZO interfaces",
    ),
    Citation(
        "mizushima1980",
        "K. Mizushima, P. C. Jones, P. J. Wiseman, J. B. Goodenough",
        "LixCoO2 (0<x<=1): A new cathode material for batteries of high energy density",
        "Mater. Res. Bull. 15, 783",
        1980,
        doi="10.1016/0025-5408(80)90012-4",
        note="LiCoO2 potential range",
    ),
    Citation(
        "noh2013",
        "H.-J. Noh, S. Youn, C. S. Yoon, Y.-K. Sun",
        "Comparison of the "
        "structural and electrochemical properties of layered Li[NixCoyMnz]O2 (x = 1/3, "
        "0.5, 0.6, 0.7, 0.8 and 0.85) cathode material for lithium-ion batteries",
        "J. Power Sources 233, 121",
        2013,
        doi="10.1016/j.jpowsour.2013.01.063",
        note="NCM potential ranges (3.0-4.3 V)",
    ),
    Citation(
        "zhong1997",
        "Q. Zhong, A. Bonakdarpour, M. Zhang, Y. Gao, J. R. Dahn",
        "Synthesis and Electrochemistry of LiNixMn2-xO4",
        "J. Electrochem. Soc. 144, 205",
        1997,
        doi="10.1149/1.1837386",
        note="LNMO potential range",
    ),
    Citation(
        "tarascon1991",
        "J. M. Tarascon, D. Guyomard",
        "Li Metal-Free Rechargeable "
        "Batteries Based on Li1+xMn2O4 Cathodes (0 <= x <= 1) and Carbon Anodes",
        "J. Electrochem. Soc. 138, 2864",
        1991,
        doi="10.1149/1.2085331",
        note="LiMn2O4 potential range",
    ),
    Citation(
        "padhi1997",
        "A. K. Padhi, K. S. Nanjundaswamy, J. B. Goodenough",
        "Phospho-olivines as Positive-Electrode Materials for Rechargeable Lithium Batteries",
        "J. Electrochem. Soc. 144, 1188",
        1997,
        doi="10.1149/1.1837571",
        note="LiFePO4 potential range",
    ),
    Citation(
        "dahn1991",
        "J. R. Dahn",
        "Phase diagram of LixC6",
        "Phys. Rev. B 44, 9170",
        1991,
        doi="10.1103/PhysRevB.44.9170",
        note="graphite staging potentials",
    ),
    Citation(
        "murugan2007",
        "R. Murugan, V. Thangadurai, W. Weppner",
        "Fast Lithium Ion Conduction in Garnet-Type Li7La3Zr2O12",
        "Angew. Chem. Int. Ed. 46, 7778",
        2007,
        doi="10.1002/anie.200701144",
        note="LLZO conductivity",
    ),
    Citation(
        "kamaya2011",
        "N. Kamaya, K. Homma, Y. Yamakawa, M. Hirayama, R. Kanno, "
        "M. Yonemura, T. Kamiyama, Y. Kato, S. Hama, K. Kawamoto, A. Mitsui",
        "A lithium superionic conductor",
        "Nat. Mater. 10, 682",
        2011,
        doi="10.1038/nmat3066",
        note="LGPS conductivity",
    ),
    Citation(
        "liu2013",
        "Z. Liu, W. Fu, E. A. Payzant, X. Yu, Z. Wu, N. J. Dudney, J. Kiggans, "
        "K. Hong, A. J. Rondinone, C. Liang",
        "Anomalous High Ionic Conductivity of Nanoporous beta-Li3PS4",
        "J. Am. Chem. Soc. 135, 975",
        2013,
        doi="10.1021/ja3110895",
        note="Li3PS4 conductivity",
    ),
    Citation(
        "seino2014",
        "Y. Seino, T. Ota, K. Takada, A. Hayashi, M. Tatsumisago",
        "A sulphide lithium super ion conductor is superior to liquid ion conductors for "
        "use in rechargeable batteries",
        "Energy Environ. Sci. 7, 627",
        2014,
        doi="10.1039/C3EE41655K",
        note="Li7P3S11 conductivity",
    ),
    Citation(
        "aono1990",
        "H. Aono, E. Sugimoto, Y. Sadaoka, N. Imanaka, G. Adachi",
        "Ionic Conductivity of Solid Electrolytes Based on Lithium Titanium Phosphate",
        "J. Electrochem. Soc. 137, 1023",
        1990,
        doi="10.1149/1.2086597",
        note="LATP conductivity",
    ),
    Citation(
        "bates1992",
        "J. B. Bates, N. J. Dudney, G. R. Gruzalski, R. A. Zuhr, A. Choudhury, "
        "C. F. Luck, J. D. Robertson",
        "Electrical properties of amorphous lithium electrolyte thin films",
        "Solid State Ionics 53-56, 647",
        1992,
        doi="10.1016/0167-2738(92)90442-R",
        note="LiPON conductivity",
    ),
    Citation(
        "inaguma1993",
        "Y. Inaguma, L. Chen, M. Itoh, T. Nakamura, T. Uchida, H. Ikuta, M. Wakihara",
        "High ionic conductivity in lithium lanthanum titanate",
        "Solid State Commun. 86, 689",
        1993,
        doi="10.1016/0038-1098(93)90841-A",
        note="LLTO conductivity",
    ),
    Citation(
        "asano2018",
        "T. Asano, A. Sakai, S. Ouchi, M. Sakaida, A. Miyazaki, S. Hasegawa",
        "Solid Halide Electrolytes with High Lithium-Ion Conductivity for Application in "
        "4 V Class Bulk-Type All-Solid-State Batteries",
        "Adv. Mater. 30, 1803075",
        2018,
        doi="10.1002/adma.201803075",
        note="Li3YCl6 conductivity",
    ),
    Citation(
        "li2019",
        "X. Li, J. Liang, J. Luo, M. N. Banis, C. Wang, W. Li, S. Deng, C. Yu, "
        "F. Zhao, Y. Hu, T.-K. Sham, L. Zhang, S. Zhao, S. Lu, H. Huang, R. Li, "
        "K. R. Adair, X. Sun",
        "Air-stable Li3InCl6 electrolyte with high voltage "
        "compatibility for all-solid-state batteries",
        "Energy Environ. Sci. 12, 2665",
        2019,
        doi="10.1039/C9EE02311A",
        note="Li3InCl6 conductivity",
    ),
    Citation(
        "alpen1977",
        "U. v. Alpen, A. Rabenau, G. H. Talat",
        "Ionic conductivity in Li3N single crystals",
        "Appl. Phys. Lett. 30, 621",
        1977,
        doi="10.1063/1.89283",
        note="Li3N conductivity",
    ),
    Citation(
        "glass1978",
        "A. M. Glass, K. Nassau, T. J. Negran",
        "Ionic conductivity of quenched alkali niobate and tantalate glasses",
        "J. Appl. Phys. 49, 4808",
        1978,
        doi="10.1063/1.325509",
        note="amorphous LiNbO3/LiTaO3 conductivity",
    ),
    Citation(
        "li2016lzp",
        "Y. Li, W. Zhou, X. Chen, X. Lü, Z. Cui, S. Xin, L. Xue, Q. Jia, J. B. Goodenough",
        "Mastering the interface for advanced all-solid-state lithium rechargeable batteries",
        "Proc. Natl. Acad. Sci. USA 113, 13313",
        2016,
        doi="10.1073/pnas.1615912113",
        note="Li/LiZr2(PO4)3: passivating Li3P + Li8ZrO6 interphase",
    ),
    Citation(
        "hartmann2013",
        "P. Hartmann, T. Leichtweiss, M. R. Busche, M. Schneider, "
        "M. Reich, J. Sann, P. Adelhelm, J. Janek",
        "Degradation of NASICON-Type "
        "Materials in Contact with Lithium Metal: Formation of Mixed Conducting "
        "Interphases (MCI) on Solid Electrolytes",
        "J. Phys. Chem. C 117, 21064",
        2013,
        doi="10.1021/jp4051275",
        note="Li/LAGP and Li/LATP mixed-conducting interphases",
    ),
    Citation(
        "ma2016",
        "C. Ma, Y. Cheng, K. Yin, J. Luo, A. Sharafi, J. Sakamoto, J. Li, "
        "K. L. More, N. J. Dudney, M. Chi",
        "Interfacial Stability of Li Metal-Solid "
        "Electrolyte Elucidated via in Situ Electron Microscopy",
        "Nano Lett. 16, 7030",
        2016,
        doi="10.1021/acs.nanolett.6b03223",
        note="Li/LLZO: ~6 nm tetragonal interphase that stops growing",
    ),
    Citation(
        "nazri1989",
        "G. Nazri",
        "Preparation, structure and ionic conductivity of lithium phosphide",
        "Solid State Ionics 34, 97",
        1989,
        doi="10.1016/0167-2738(89)90438-4",
        note="Li3P ionic conductivity",
    ),
    Citation(
        "wenzel2016",
        "S. Wenzel, S. Randau, T. Leichtweiss, D. A. Weber, J. Sann, W. G. Zeier, J. Janek",
        "Direct Observation of the Interfacial Instability of the "
        "Fast Ionic Conductor Li10GeP2S12 at the Lithium Metal Anode",
        "Chem. Mater. 28, 2400",
        2016,
        doi="10.1021/acs.chemmater.6b00610",
        note="Li/LGPS: Li2S + Li3P + Li-Ge alloy, mixed conducting",
    ),
]
