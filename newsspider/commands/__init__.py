"""Project commands (``COMMANDS_MODULE``): Scrapy's own, with spider arguments checked up front."""
