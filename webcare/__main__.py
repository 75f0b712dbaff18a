from webcare.cli import main

main()
