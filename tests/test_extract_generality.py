"""Rules that came from held-out articles (other outlets, other votes), pinned on short
news-style texts written for these tests. Each text is invented; no figure or name is real."""

from __future__ import annotations

import hashlib

from refq.extract import extract_article
from refq.models import Article, ParseResult, SourceMeta


def parse(text: str) -> ParseResult:
    article = Article(
        "/tmp/generality.txt",
        text,
        hashlib.sha256(text.encode()).hexdigest(),
        SourceMeta(published="2025-05-04"),
    )
    return extract_article(article)


def results(parsed: ParseResult) -> list[tuple[str | None, str | None, float, str]]:
    return [(r.region_code, r.option, r.percent, r.status) for r in parsed.results]


def test_a_story_about_one_region_gives_it_to_figures_whose_sentence_names_none() -> None:
    parsed = parse(
        "Voters in Ceará chose a new governor on Sunday.\n\n"
        "With all polling stations reporting, Ana Ribeiro had 51.2 per cent of the vote, ahead "
        "of businessman Caio Monteiro at 44.9 per cent.\n\n"
        "Turnout in Ceará was 78 per cent, the regional electoral court said. The court will "
        "certify the official results next week.\n"
    )
    assert results(parsed) == [
        ("BR-CE", "Ana Ribeiro", 51.2, "final"),
        ("BR-CE", "Caio Monteiro", 44.9, "final"),
    ]


def test_a_national_story_gives_no_subdivision_to_its_figures() -> None:
    parsed = parse(
        "Poland's ruling party won the election, Poland's electoral commission said.\n\n"
        "Turnout was highest in Warsaw. In Warsaw queues formed early. Voters in Poland "
        "waited for hours.\n\n"
        "The Civic Union had 41.3% of the vote and the People's Bloc 35.9%, preliminary "
        "results showed.\n"
    )
    assert [r.region_code for r in parsed.results] == [None, None]


def test_one_kind_of_count_in_a_story_is_the_status_of_silent_figures() -> None:
    parsed = parse(
        "Unofficial results were posted overnight in Alberta.\n\n"
        "Maria Lenz had 48.2 percent of the vote in Alberta.\n"
    )
    assert results(parsed) == [("CA-AB", "Maria Lenz", 48.2, "preliminary")]


def test_a_list_that_drops_its_verb_names_every_option() -> None:
    parsed = parse(
        "According to the final results declared by the commission, the Green Reform Party "
        "(GRP) obtained 46.83% of the valid votes cast in Gauteng, the Civic Alliance (CA) "
        "23.05% and the Workers Front (WF) 12.4%.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Green Reform Party", 46.83),
        ("Civic Alliance", 23.05),
        ("Workers Front", 12.4),
    ]
    assert {r.region_code for r in parsed.results} == {"ZA-GP"}


def test_the_holder_after_gave_and_a_candidate_of_a_party() -> None:
    parsed = parse(
        "The final canvass gave Ramon Dizon 52.41% of the votes cast for governor in "
        "Calabarzon. Rosa Tan of United Calabarzon was third with 18.3% of the vote.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Ramon Dizon", 52.41),
        ("Rosa Tan", 18.3),
    ]


def test_a_party_named_with_its_figure_is_not_a_person() -> None:
    parsed = parse(
        "In Kerala, the People's Freedom Fighters took 12.4% of the vote and the Jan Seva Dal "
        "took 7.9%, the election commission said.\n"
    )
    assert [r.option for r in parsed.results] == ["People's Freedom Fighters", "Jan Seva Dal"]
    assert not [o for o in parsed.officials if o.kind == "person"]


def test_an_unnamed_speaker_is_the_speaker_and_the_antecedent() -> None:
    parsed = parse(
        '"We want water, not speeches," a fruit seller in Cerro Verde said.\n\n'
        "A 34-year-old nurse in Puno, who declined to give her name, said she had voted "
        'against because "nobody explained the question".\n'
    )
    speakers = [(s.text, s.speaker) for s in parsed.statements if s.kind == "direct"]
    assert speakers == [
        ("We want water, not speeches,", "a fruit seller in Cerro Verde"),
        ("nobody explained the question", "a nurse in Puno"),
    ]
    assert not parsed.officials  # unnamed people are speakers, not officials


def test_a_named_expert_keeps_the_quote_not_the_description() -> None:
    parsed = parse(
        "Dr Hanna Lis, a political scientist at the University of Gdansk, said the fall in "
        "turnout had hurt the national parties most. 'Reruns punish whoever looks responsible "
        "for the mess,' she said.\n"
    )
    (quote,) = [s for s in parsed.statements if s.kind == "direct"]
    assert quote.speaker == "Hanna Lis"
    (official,) = parsed.officials
    assert official.name == "Hanna Lis"
    assert [r.title for r in official.roles] == ["political scientist at the University of Gdansk"]


def test_headlines_listed_under_read_more_are_teasers_not_quotes() -> None:
    parsed = parse(
        "The council met on Monday to confirm the result.\n\n"
        "Read more:\n"
        "'We can't wait another winter': residents push council for shelter beds\n"
        "Where the four mayoral candidates stood on transit and housing\n\n"
        '"We will start tomorrow," Mayor Lina Park said.\n'
    )
    assert [(s.text, s.speaker) for s in parsed.statements] == [
        ("We will start tomorrow,", "Lina Park")
    ]


def test_turnout_as_the_subject_and_what_it_is_compared_with_are_not_results() -> None:
    parsed = parse(
        "In Gauteng, the Civic Alliance had received 51.5% of the vote, the commission said.\n\n"
        "The commission said voter turnout in the province was 61.4% of the registered voters, "
        "compared with 66.2% in 2024.\n\n"
        "The Jan Seva Dal took 7.9 per cent of the vote, down from 9.1 per cent.\n"
    )
    # "down from 9.1 per cent" is the party's earlier share: a result like the one before it.
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Civic Alliance", 51.5),
        ("Jan Seva Dal", 7.9),
        ("Jan Seva Dal", 9.1),
    ]


def test_a_city_named_for_a_figure_stands_for_its_region() -> None:
    parsed = parse(
        "Voters in Saskatoon elected a new mayor on Wednesday.\n\n"
        "Unofficial results showed Grace Amadi had 44.6 per cent of the vote in Saskatoon, "
        "ahead of Tom Ladd at 39.2 per cent.\n"
    )
    assert results(parsed) == [
        ("CA-SK", "Grace Amadi", 44.6, "preliminary"),
        ("CA-SK", "Tom Ladd", 39.2, "preliminary"),
    ]
    assert {(m.code, m.surface) for m in parsed.regions} == {("CA-SK", "Saskatoon")}


def test_an_abbreviated_title_does_not_cut_a_list_of_figures() -> None:
    parsed = parse(
        "The final canvass gave Ramon Dizon 52.41% of the votes cast for governor, against "
        "45.06% for incumbent Gov. Tessa Ong and 2.53% for Nilo Cruz, an independent.\n"
    )
    assert [(r.option, r.percent, r.status) for r in parsed.results] == [
        ("Ramon Dizon", 52.41, "final"),
        ("Tessa Ong", 45.06, "final"),
        ("Nilo Cruz", 2.53, "final"),
    ]


def officials(parsed: ParseResult) -> list[tuple[str, str]]:
    return sorted((o.name, o.kind) for o in parsed.officials)


def test_a_courtesy_title_makes_a_person_without_a_role() -> None:
    parsed = parse(
        "The Provincial Electoral Officer, Mr Tebo Mahlaba, said the commission had received "
        "37 objections.\n\n"
        '"That tells you about the order of the count," said Prof. Nila Arsan, who studies '
        "elections at Anadolu University.\n"
    )
    assert ("Nila Arsan", "person") in officials(parsed)
    assert ("Tebo Mahlaba", "person") in officials(parsed)
    (quote,) = [s for s in parsed.statements if s.kind == "direct"]
    assert quote.speaker == "Nila Arsan"


def test_a_role_before_a_name_with_a_possessive_determiner() -> None:
    parsed = parse(
        "The commission said it would publish a review. Its chief executive, Declan Furey, "
        "said the turnout was a warning.\n"
    )
    (official,) = [o for o in parsed.officials if o.kind == "person"]
    assert official.name == "Declan Furey"
    assert [r.title for r in official.roles] == ["chief executive"]


def test_a_body_that_speaks_without_a_quote_is_an_official() -> None:
    parsed = parse(
        "The Supreme Election Council said on Wednesday that it had rejected every objection. "
        "The National Heritage Council, which owns the site, was not consulted.\n"
    )
    assert officials(parsed) == [("Supreme Election Council", "body")]


def test_a_speaker_named_after_a_single_quoted_remark() -> None:
    parsed = parse("‘We have held the region,’ said Marta Zielna, the region’s marshal.\n")
    (quote,) = parsed.statements
    assert quote.speaker == "Marta Zielna"
    assert ("Marta Zielna", "person") in officials(parsed)


def test_the_party_that_won_seats_with_a_share_is_its_option() -> None:
    parsed = parse(
        "SHIMLA: The Lok Vikas Party (LVP) won 38 of the 68 seats in the Himachal Pradesh "
        "assembly with 44.72 per cent of the vote, the election commission said in its final "
        "figures. The governing Janata Morcha (JM), in office since 2022, fell to 26 seats on "
        "41.3 per cent.\n"
    )
    assert results(parsed) == [
        ("IN-HP", "Lok Vikas Party", 44.72, "final"),
        ("IN-HP", "Janata Morcha", 41.3, "final"),
    ]


def test_a_region_named_far_more_often_than_the_capital_is_the_story_s() -> None:
    parsed = parse(
        "Voters in Pomerania went back to the polls on Sunday. Gdańsk and Słupsk reported "
        "long queues, and Pomerania's marshal called it a test. Critics said Warsaw had "
        "campaigned with Warsaw's money.\n\n"
        "The Civic Forum took 38.4% of the vote, final results showed.\n"
    )
    assert results(parsed) == [("PL-22", "Civic Forum", 38.4, "final")]


def test_a_colon_without_a_reporting_verb_gives_the_quote_to_the_subject() -> None:
    parsed = parse(
        "Chief Minister Vikram Rana lost his seat.\n\n"
        'At his last press conference as chief minister, Rana put it bluntly: "We did not '
        'lose the argument. We lost the kitchen."\n'
    )
    (quote,) = parsed.statements
    assert (quote.speaker, quote.text) == (
        "Vikram Rana",
        "We did not lose the argument. We lost the kitchen.",
    )


def test_a_surname_speaker_is_the_full_name_written_elsewhere() -> None:
    text = (
        "The runoff will be between engineer Javier Huamán Ccori and a former rector.\n\n"
        '"Arequipa did not vote for a party," Huamán told supporters on Sunday night.\n'
    )
    parsed = parse(text)
    (quote,) = parsed.statements
    assert quote.speaker == "Javier Huamán Ccori"
    (person,) = [o for o in parsed.officials if o.kind == "person"]
    assert text[person.start : person.end] == "Javier Huamán Ccori"


def test_the_verb_that_attributes_a_quote_reports_nothing_more() -> None:
    parsed = parse(
        "Mayor Ana Ruiz won a second term on Sunday.\n\n"
        '"The city has spoken," Ruiz told supporters on Sunday night.\n\n'
        '"We start tomorrow," she said, adding that the new council would meet next week.\n'
    )
    assert [(s.kind, s.text) for s in parsed.statements] == [
        ("direct", "The city has spoken,"),
        ("direct", "We start tomorrow,"),
        ("reported", "the new council would meet next week"),
    ]


def test_a_figure_is_judged_by_its_own_sentence_not_the_next() -> None:
    parsed = parse(
        "Regensburg elected a mayor in a runoff vote on Sunday; the count of ballots ended "
        "late.\n\n"
        "Her opponent, the CSU's Markus Holl, a former head of the city's building "
        "department, took 46.2%. Turnout was 38.4 percent in Bavaria.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [("Markus Holl", 46.2)]


def test_a_results_table_written_as_lines() -> None:
    parsed = parse(
        "The autonomy referendum in Sardinia was approved, the regional electoral office "
        "said after all votes were counted.\n\n"
        "Yes: 64.8%\n"
        "No: 35.2%\n"
        "Turnout: 51.3% of registered voters\n\n"
        "Province of Sassari: 66.9%\n"
    )
    assert results(parsed) == [
        ("IT-88", None, 64.8, "final"),
        ("IT-88", None, 35.2, "final"),
        ("IT-88", None, 66.9, "final"),
    ]


def test_options_named_with_honorifics_vote_counts_and_possessives() -> None:
    parsed = parse(
        "Hajiya Amina Sule Gwarzo of the People's Progressive Alliance (PPA) has been "
        "declared governor-elect of Kano State with 1,204,117 votes, 51.3 percent of valid "
        "votes cast. Alhaji Musa Bello Danbatta of the New Democratic Front (NDF) finished "
        "second with 1,028,081 votes, or 43.8 percent.\n\n"
        "Earlier, with 42 of 44 areas announced, Gwarzo leads with 51.6 per cent to "
        "Danbatta's 43.4 per cent in Kano.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Amina Sule Gwarzo", 51.3),
        ("Musa Bello Danbatta", 43.8),
        ("Amina Sule Gwarzo", 51.6),
        ("Musa Bello Danbatta", 43.4),
    ]
    assert {r.region_code for r in parsed.results} == {"NG-KN"}


def test_name_particles_from_the_reference_data_join_an_option() -> None:
    parsed = parse(
        "In the Utrecht mayoral vote, Jan van der Berg took 41.2% of the vote and Ana dos "
        "Santos 38.9%, the final count showed.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Jan van der Berg", 41.2),
        ("Ana dos Santos", 38.9),
    ]


def test_a_short_name_for_an_option_named_in_full_before() -> None:
    parsed = parse(
        "An exit poll put the Coalition for Change on 46.2% and Georgian Unity on 41% in "
        "the vote in Georgia. In Tbilisi, the same poll put the Coalition on 57 percent.\n"
    )
    assert [r.option for r in parsed.results] == [
        "Coalition for Change",
        "Georgian Unity",
        "Coalition for Change",
    ]


def test_final_figures_give_a_candidate_a_share() -> None:
    parsed = parse(
        "Final figures read out at the tallying centre give Peter Kamau 51.3% against 44.9% "
        "for Esther Otieno in the governor vote.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Peter Kamau", 51.3),
        ("Esther Otieno", 44.9),
    ]


def test_a_candidate_named_once_in_full_then_by_surname_with_a_share() -> None:
    parsed = parse(
        "The runoff will be between engineer Javier Huamán Ccori and former rector Patricia "
        "Zegarra Bustamante in the Arequipa vote.\n\n"
        "With 92.4% of tally sheets counted, Huamán had 27.81% of valid votes and Zegarra "
        "24.06%. Raúl Chirinos of Arequipa Primero, the candidate backed by the outgoing "
        "administration, was third with 18.3%.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Javier Huamán Ccori", 27.81),
        ("Patricia Zegarra Bustamante", 24.06),
        ("Raúl Chirinos", 18.3),
    ]


def test_a_leader_and_a_rival_each_get_their_figure() -> None:
    parsed = parse(
        "In the vice-governor's race in the Iloilo vote, Board Member Christine Jalan leads "
        "former city councilor Arnel Suma by 61 per cent to 39 per cent.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Christine Jalan", 61.0),
        ("Arnel Suma", 39.0),
    ]


def test_names_after_a_title_inside_a_run_and_with_an_apostrophe() -> None:
    parsed = parse(
        '"We will not be rushed," Greens Leader Rosalie Chen said.\n\n'
        '"The count was clean," board chairperson Esther Wanjiku Ndung\'u told reporters.\n\n'
        "The metropolitan LGAs reported late.\n"
    )
    names = [o.name for o in parsed.officials]
    assert "Rosalie Chen" in names and "Esther Wanjiku Ndung'u" in names
    assert not [n for n in names if "LGAs" in n or "Greens" in n]


def test_an_earlier_count_given_with_up_from_is_the_same_option_s() -> None:
    parsed = parse(
        "Tomás Aguirre Lemos won the governorship vote in Mendoza province. Aguirre, of the Civic "
        "Front, finished with 46.5% of valid votes in Mendoza province in the definitive "
        "scrutiny, up from 46.3 "
        "per cent in Sunday's provisional count.\n\n"
        "Turnout was 41.8%, down from 52% in April.\n"
    )
    assert results(parsed) == [
        ("AR-M", "Tomás Aguirre Lemos", 46.5, "final"),
        ("AR-M", "Tomás Aguirre Lemos", 46.3, "preliminary"),
    ]


def test_each_item_of_a_round_up_has_its_dateline_s_region() -> None:
    parsed = parse(
        "Governors' races: a round-up of Sunday's votes\n\n"
        "SALTILLO, Coahuila — In the final tally Rodrigo Villa, of the Northern Alliance, took "
        "51.4% of the vote.\n\n"
        "CHETUMAL, Quintana Roo — Preliminary figures from the electoral institute gave Marisol "
        "Canche 46% of the vote.\n"
    )
    assert [(r.region_code, r.option, r.percent) for r in parsed.results] == [
        ("MX-COA", "Rodrigo Villa", 51.4),
        ("MX-ROO", "Marisol Canche", 46.0),
    ]


def test_a_results_line_with_the_party_in_brackets() -> None:
    parsed = parse(
        "Final result of the Kerala bypoll election, with all votes counted and the ballots "
        "of every booth checked:\n\n"
        "Anitha Varghese (LPA): 46.9%\n"
        "Jose Kurian (DSF): 41.2%\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Anitha Varghese", 46.9),
        ("Jose Kurian", 41.2),
    ]


def test_a_pronoun_holding_a_figure_is_the_subject_it_stands_for() -> None:
    parsed = parse(
        "Paulina Rocha won the governorship of Sonora on Sunday, beating Tomás Ibarra in a "
        "two-way race.\n\n"
        "The state electoral institute declared her the winner with 55.2 per cent of the vote. "
        "A preliminary tally on election night had put her on 54.8 per cent.\n\n"
        "Ibarra's best result came in Hermosillo, where he won 12,410 votes (47.1%).\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Paulina Rocha", 55.2),
        ("Paulina Rocha", 54.8),
        ("Tomás Ibarra", 47.1),
    ]
    # Candidates with a share are officials even when no role or quote names them.
    assert {"Paulina Rocha", "Tomás Ibarra"} <= {o.name for o in parsed.officials}


def test_a_declared_results_line_with_a_party_named_after_its_country() -> None:
    parsed = parse(
        "The returning officer for Kwara State announced the final results of the Kwara State "
        "governorship election on Sunday:\n\n"
        "Yusuf Abiodun (People's Congress of Nigeria, PCN), 201,118 votes (51.3%)\n"
        "Grace Oyelaran (Labour Renewal Party, LRP), 160,440 votes (40.9%)\n"
    )
    assert results(parsed) == [
        ("NG-KW", "Yusuf Abiodun", 51.3, "final"),
        ("NG-KW", "Grace Oyelaran", 40.9, "final"),
    ]


def test_an_acronym_in_the_original_language_s_word_order() -> None:
    parsed = parse(
        "The Progressive Union of Navarre (UPN) held its lead in Navarre's regional "
        "election on Sunday.\n\n"
        "With all ballots counted, the UPN won 31.4 per cent of the vote.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Progressive Union of Navarre", 31.4)
    ]


def test_an_auxiliary_before_the_subject_s_verb() -> None:
    parsed = parse(
        "The court annulled the Tamaulipas mayoral vote on Friday. Jorge Cantú had won the "
        "annulled vote with 48.6 percent.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [("Jorge Cantú", 48.6)]


def test_a_bare_name_that_is_also_a_surname_is_a_region_where_its_country_is_named() -> None:
    parsed = parse(
        "The electoral board of Argentina's Mendoza province confirmed the final count on "
        "Thursday.\n\n"
        "In Mendoza, Tomás Aguirre finished with 46.5% of valid votes, the board said.\n"
    )
    assert [(r.region_code, r.option, r.percent) for r in parsed.results] == [
        ("AR-M", "Tomás Aguirre", 46.5)
    ]
    assert [r.surface for r in parsed.regions if r.code == "AR-M"] == [
        "Mendoza province",
        "Mendoza",
    ]
    elsewhere = parse("Carlos Mendoza, a voter in Monterrey, Mexico, said he backed the plan.\n")
    assert all(r.code != "AR-M" for r in elsewhere.regions)
    # A capitalized word that ends the sentence before is no part of a longer name.
    opening = parse("Argentina's parties met in Buenos Aires. Mendoza votes on Sunday.\n")
    assert [r.code for r in opening.regions] == ["AR", "AR-C", "AR-M"]


def test_options_in_live_updates_and_elided_verbs() -> None:
    parsed = parse(
        "Kerala bypoll: counting under way in the assembly election for Puthuppally.\n\n"
        "10:40 IST: Varghese now leads: Anitha Varghese 45.2 per cent, Jose Kurian 44.0 per "
        "cent.\n\n"
        "11:15 IST: Anitha Varghese is now on 46.7 per cent, the election commission said.\n\n"
        "12:30 IST: With all rounds counted, Anitha Varghese won 47.1 per cent of the vote, "
        "Jose Kurian, the front's veteran, second with 41.5 per cent and Ravi Menon, an "
        "independent backed by farmers' groups, third with 8.8 per cent.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Anitha Varghese", 45.2),
        ("Jose Kurian", 44.0),
        ("Anitha Varghese", 46.7),
        ("Anitha Varghese", 47.1),
        ("Jose Kurian", 41.5),
        ("Ravi Menon", 8.8),
    ]


def test_a_holder_after_an_opening_phrase_and_an_acronym_after_a_candidate() -> None:
    parsed = parse(
        "Tasmania's state election count continued on Monday.\n\n"
        "As of this morning the count has the Liberal Party on 38.7 per cent of the primary "
        "vote in Tasmania.\n\n"
        "Anitha Varghese for the Left Progressive Alliance (LPA) spoke to voters in Tasmania "
        "on Sunday. Across Tasmania, the LPA won 4.9 per cent at the last election.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Liberal Party", 38.7),
        ("Left Progressive Alliance", 4.9),
    ]


def test_a_space_aligned_results_table_with_an_earlier_election_s_column() -> None:
    parsed = parse(
        "Saxony state election: provisional official result\n\n"
        "The People's Alliance won the state election in Saxony, according to the provisional "
        "result the state returning officer published overnight.\n\n"
        "PARTY                       VOTES    SHARE    2019   SEATS\n"
        "People's Alliance (PA)    512,204    31.4%   27.9%     41\n"
        "Civic Union (CU)          401,335    24.6%   29.3%     32\n"
        "Others                    110,875     6.8%    5.1%      -\n"
        "Valid votes             1,630,260   100.0%             120\n\n"
        "Turnout in Saxony was 66.2%.\n"
    )
    assert results(parsed) == [
        ("DE-SN", "People's Alliance", 31.4, "preliminary"),
        ("DE-SN", "People's Alliance", 27.9, "final"),
        ("DE-SN", "Civic Union", 24.6, "preliminary"),
        ("DE-SN", "Civic Union", 29.3, "final"),
    ]
    assert "People's Alliance" not in {o.name for o in parsed.officials}


def test_a_pipe_table_whose_columns_name_places_and_a_status() -> None:
    parsed = parse(
        "Hokkaido governor election: how Sapporo voted\n\n"
        "The Hokkaido election commission certified the governor election result on Monday. "
        "All figures in Hokkaido are final and certified:\n\n"
        "Candidate        | Sapporo | Rest of Hokkaido\n"
        "Haruto Kinoshita | 42.5%   | 52.5%\n"
        "Emi Takasugi     | 51.3%   | 39.9%\n"
    )
    assert results(parsed) == [
        ("JP-01", "Haruto Kinoshita", 42.5, "final"),
        ("JP-01", "Haruto Kinoshita", 52.5, "final"),
        ("JP-01", "Emi Takasugi", 51.3, "final"),
        ("JP-01", "Emi Takasugi", 39.9, "final"),
    ]


def test_a_verbless_list_a_relative_clause_and_a_won_object() -> None:
    parsed = parse(
        "Kerala bypoll: the Election Commission's results portal after round 9.\n\n"
        "Varghese 46.3%, Kurian 42.0%, Menon 9.6%.\n\n"
        "Carlos Lins of the Green Party, who came third with 12.5%, endorsed Kurian. "
        "In Kottayam, the LPA's Jana Kröger won the constituency with 34.8 per cent of "
        "the vote.\n\n"
        "Just 38.6 per cent of the people on the register cast a ballot.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results][:5] == [
        ("Varghese", 46.3),
        ("Kurian", 42.0),
        ("Menon", 9.6),
        ("Carlos Lins", 12.5),
        ("Jana Kröger", 34.8),
    ]
    assert all(r.option != "Just" for r in parsed.results)


def test_changes_and_parts_of_money_in_a_vote_story_are_no_results() -> None:
    parsed = parse(
        "Montefalco elected a new mayor on Sunday. Lucia Benedetti won with 58.3% of the "
        "vote.\n\n"
        "Turnout in the town was 71.2%, well above the regional average of 58%. Wine tourism "
        "brought 180,000 visitors last year, up 12% on the year before. The council has "
        "promised a 10% discount on water bills for voters, and spends about 13% of its "
        "budget on roads.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [("Lucia Benedetti", 58.3)]


def test_a_score_is_two_figures_and_a_range_runs_upwards() -> None:
    parsed = parse(
        "Scotland has voted to remain part of the United Kingdom, rejecting independence by "
        "51.4% to 48.6% in a second referendum, the chief counting officer announced.\n\n"
        "Exit polls had given No between 49% and 53% of the vote in Scotland.\n"
    )
    assert [(r.region_code, r.percent, r.low, r.high) for r in parsed.results] == [
        ("GB-SCT", 51.4, 51.35, 51.45),
        ("GB-SCT", 48.6, 48.55, 48.65),
        ("GB-SCT", 51.0, 49.0, 53.0),
    ]


def test_a_candidate_called_rose_is_no_change() -> None:
    parsed = parse(
        "Kisumu County election: provisional results from the vote count.\n\n"
        "Provisional results from all seven constituencies in Kisumu County give incumbent "
        "Governor Rose Achieng Ouma 68.4%, well ahead of her nearest challenger, the election "
        "commission said. Voters queued for hours.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [("Rose Achieng Ouma", 68.4)]


def test_a_name_in_apposition_after_a_role_is_the_speaker() -> None:
    parsed = parse(
        "Freedom and Homeland will be the third force in the Landtag. Its co-leader, Udo "
        'Brenner, called the result "a mandate that nobody can ignore."\n\n'
        "The court's president, Judge Alberto Neto, said the count had been \"fast and "
        'clean." Mark Halvorsen, a former county prosecutor, said: "I accept it."\n'
    )
    quotes = [(s.speaker, s.text) for s in parsed.statements if s.kind == "direct"]
    assert quotes == [
        ("Udo Brenner", "a mandate that nobody can ignore."),
        ("Alberto Neto", "fast and clean."),
        ("Mark Halvorsen", "I accept it."),
    ]
    assert {"Udo Brenner", "Alberto Neto", "Mark Halvorsen"} <= {o.name for o in parsed.officials}


def test_a_table_of_provinces_by_party_with_bare_shares() -> None:
    parsed = parse(
        "Provincial elections: the rural party leads in the north\n\n"
        "The rural protest party Our Land leads in the provincial elections, according to "
        "provisional results.\n\n"
        "PROVISIONAL RESULTS, SHARE OF THE VOTE (%)\n\n"
        "Province      Our Land   Civic Liberals   Turnout\n"
        "Groningen       24.6         13.1          58.2\n"
        "Drenthe         29.1         15.7          62.4\n"
    )
    assert results(parsed) == [
        ("NL-GR", "Our Land", 24.6, "preliminary"),
        ("NL-GR", "Civic Liberals", 13.1, "preliminary"),
        ("NL-DR", "Our Land", 29.1, "preliminary"),
        ("NL-DR", "Civic Liberals", 15.7, "preliminary"),
    ]


def test_a_table_of_vote_counts_alone_gives_no_shares() -> None:
    parsed = parse(
        "Municipal election in Lier: the count by list, in the municipal vote.\n\n"
        "List           Votes   Seats\n"
        "Lier Together  9,812      14\n"
        "Open Lier      6,201       9\n"
    )
    assert parsed.results == ()


def test_sides_after_a_colon_a_held_place_and_the_party() -> None:
    parsed = parse(
        "Skagen harbour referendum: voters in North Jutland back the cruise pier.\n\n"
        "The final count moved the figures only slightly: yes 56.4%, no 43.6%.\n\n"
        "In the Maldonado intendant race, the Republican Union's Sofía Rivero held Punta del "
        "Este with 53.6% of the vote, and in Montevideo the Republican Union retained the "
        "intendancy with 55.9%.\n\n"
        "The New Flemish Centre (NFC) came second in Lier with 24.7% of the vote. The party "
        "took 13.8% in the federal election last year.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        (None, 56.4),
        (None, 43.6),
        ("Sofía Rivero", 53.6),
        ("Republican Union", 55.9),
        ("New Flemish Centre", 24.7),
        ("New Flemish Centre", 13.8),
    ]


def test_a_two_word_surname_a_numbered_ward_and_a_bar() -> None:
    parsed = parse(
        "Pokhara mayoral by-election: final results.\n\n"
        "Sarita Adhikari Thapa of the People's Socialist Centre finished second in the mayoral "
        "by-election. Adhikari Thapa, who won Ward 17 with 52.4% in the final count, "
        "conceded on Tuesday.\n\n"
        "Turnout was 47.3%, comfortably above the 40% the city council had set.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [("Sarita Adhikari Thapa", 52.4)]


def test_a_surname_with_a_particle_is_the_full_name_written_before() -> None:
    parsed = parse(
        "Siobhán Ní Bhriain will be Limerick's next mayor after the ninth count on Tuesday.\n\n"
        'Ní Bhriain, an independent councillor, said she would "govern for everyone".\n'
    )
    assert [o.name for o in parsed.officials if o.kind == "person"] == ["Siobhán Ní Bhriain"]
    assert [s.speaker for s in parsed.statements if s.kind == "direct"] == ["Siobhán Ní Bhriain"]


def test_an_acronym_used_without_brackets_is_the_name_it_spells() -> None:
    parsed = parse(
        "The Tobago People's Front swept the Tobago House of Assembly election on Monday.\n\n"
        "The TPF won 58.3% of the popular vote across Tobago's 15 electoral districts, the "
        "commission said.\n"
    )
    assert [(r.region_code, r.option, r.percent) for r in parsed.results] == [
        ("TT-TOB", "Tobago People's Front", 58.3)
    ]


def test_odd_letters_in_a_relative_day_do_not_break_the_article() -> None:
    parsed = parse("The count ends tonıght, TONİGHT or yeſterday, the commission said on Sunday.\n")
    assert all(d.phrase.lower() not in {"tonıght", "yeſterday"} for d in parsed.dates)


def test_a_town_is_no_surname_of_a_list_named_after_it() -> None:
    parsed = parse(
        "Lier Together won 38.2% of the vote in the municipal election, followed by Open Lier "
        "on 14.6%.\n\n"
        "Lier said no to the national parties, Mayor Griet Verhaegen said. Voters in Lier "
        "queued for hours.\n"
    )
    assert "Open Lier" not in {o.name for o in parsed.officials}
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Lier Together", 38.2),
        ("Open Lier", 14.6),
    ]


def test_a_surname_resolves_to_its_full_name_every_time() -> None:
    parsed = parse(
        "Patricia Zegarra Bustamante led the regional election count in Arequipa.\n\n"
        "With half the ballots counted, Zegarra had 31.2% of the vote.\n\n"
        "With all ballots counted, Zegarra had 33.4% of the vote.\n"
    )
    assert [(r.option, r.percent) for r in parsed.results] == [
        ("Patricia Zegarra Bustamante", 31.2),
        ("Patricia Zegarra Bustamante", 33.4),
    ]
