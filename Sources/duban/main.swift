print("duban")
