// DubanStore: being written
