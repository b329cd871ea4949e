def test_a_country_in_a_sentence_takes_its_article():
    from rights.core.countries import country_in_text

    assert country_in_text("NL") == "the Netherlands"
    assert country_in_text("US") == "the United States"
    assert country_in_text("GB") == "the United Kingdom"
    assert country_in_text("DE") == "Germany"
