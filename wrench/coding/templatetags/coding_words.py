"""Template filters for a code's definition: `for_people`, `first_sentence`, `after_first`."""

from django import template

from wrench.coding import wording

register = template.Library()
register.filter("for_people", wording.for_people)
register.filter("first_sentence", wording.first_sentence)
register.filter("after_first", wording.after_first_sentence)
