"""Board pack (issue 7): what goes in (content), the PowerPoint deck (deck) and the Excel workbook (workbook)."""
