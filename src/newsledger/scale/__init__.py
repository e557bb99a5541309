"""Scale: the analysis as an Apache Spark job over WARC archives (`job.py`), the Parquet tables
it writes (`tables.py`), and those tables read back for the store (`load.py`)."""
