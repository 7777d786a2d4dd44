"""The board pack (issue 7): what goes in (model, assemble, parts), the PowerPoint deck and the Excel workbook."""
