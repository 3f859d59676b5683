/* SYNTHETIC test fixture, NOT AHRQ's table: a few ICD-10-CM codes assigned format values by hand, in the
   PROC FORMAT layout of AHRQ's CMR_Format_Program, only to exercise ElixhauserAhrq2023's mapping logic. */
Proc format;
  Value $COMFMT
    "I10"="HTN_UNCX"
    "E119"="DIAB_UNCX"
    "E1122"="DIAB_CX"
    "I110"="HFHTN_CX"
    "I132"="HFHTN_CXRENLFL_SEV"
    "C780",
    "C7800"="CANCER_METS"     /* two codes, one value */
    "C61"="CANCER_SOLID"
    "D0500"="CANCER_NSITU"
    "K7030"="ALCOHOLLIVER_MLD"
    "K7211"="LIVER_SEV"
    "I69351"="CBVD_SQLAPARALYSIS"
    "I639"="CBVD_POA"
    "F1150"="DRUG_ABUSEPSYCHOSES"
    "N184"="RENLFL_MOD"
    "N186"="RENLFL_SEV"
    other = " "
  ;
  Value $poaxmpt_v40fmt
    "Z00"="1"
  ;
run;
