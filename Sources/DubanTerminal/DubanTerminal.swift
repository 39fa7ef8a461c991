// DubanTerminal: being written
