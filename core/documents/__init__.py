"""Building blocks for official Thai documents: fonts, Word, PDF, Excel and the บันทึกข้อความ memo."""
