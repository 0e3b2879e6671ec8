# name | type | country | role | aliases (; separated) | invented(1/0)
ENTITIES = """
Anna Kovač|person|HR|Foreign Minister|Kovač;Anna Kovac;Kovac;@AKovacMFA|1
Nikola Stanković|person|RS|Foreign Minister|Stanković;Nikola Stankovic;Stankovic;@NStankovicMFA|1
Tobias Ahlgren|person|SE|OSCE Special Representative for the Danube talks|Ahlgren|1
Marta Jankowska|person|PL|European Union mediator|Jankowska|1
Ivana Marić|person|HR|Defence Ministry spokeswoman|Marić;Ivana Maric|1
Goran Vuković|person|RS|Defence Ministry spokesman|Vuković;Goran Vukovic|1
Dušan Ilić|person|RS|opposition leader, Movement for Civic Renewal|Ilić;Dusan Ilic|1
Petra Šimić|person|HR|Mayor of Vukovar|Šimić;Petra Simic|1
Mirela Horvat|person|HR|Foreign Ministry spokeswoman|Horvat|1
Movement for Civic Renewal|org|RS||Civic Renewal|1
Danube Joint Border Commission|org|||Joint Border Commission|1
Croatian Foreign Ministry|org|HR||Croatia's Foreign Ministry;Croatian foreign ministry|1
Serbian Foreign Ministry|org|RS||Serbia's Foreign Ministry;Serbian foreign ministry|1
Croatian Defence Ministry|org|HR||Croatia's Defence Ministry;Croatian defence ministry|1
Serbian Defence Ministry|org|RS||Serbia's Defence Ministry;Serbian defence ministry|1
Dariush Farahani|person|IR|Deputy Foreign Minister and chief nuclear negotiator|Farahani|1
Lena Holmqvist|person|SE|head of the IAEA inspection team in Iran|Holmqvist|1
Kaveh Jafari|person|IR|spokesman, Atomic Energy Organization of Iran|Jafari|1
Claire Dumont|person|FR|France's lead nuclear negotiator|Dumont|1
Oliver Hartley|person|GB|British envoy to the nuclear talks|Hartley|1
Sofia Bergmann|person|AT|analyst, Centre for Verification Studies|Bergmann|1
Hossein Tabrizi|person|IR|member of parliament, national security committee|Tabrizi|1
Centre for Verification Studies|org|AT|||1
Atomic Energy Organization of Iran|org|IR||AEOI|1
Iranian Foreign Ministry|org|IR||Iran's Foreign Ministry;Iranian foreign ministry|1
Ingrid Haugland|person|NO|UN Special Envoy for Abyei|Haugland|1
Samuel Owusu|person|GH|head of the Joint Ceasefire Monitoring Commission|Owusu|1
Omer Haroun|person|SD|Foreign Ministry spokesman|Haroun|1
Deng Akol Mayen|person|SS|chief negotiator|Mayen;Akol Mayen|1
Fatoumata Sangaré|person|ML|African Union mediator|Sangaré;Fatoumata Sangare|1
Ayen Kuir Thon|person|SS|Ngok Dinka community leader|Thon|1
Ismail Hamdan|person|SD|Misseriya elder|Hamdan|1
Mutasim Karrar|person|SD|Permanent Representative of Sudan to the United Nations|Karrar|1
Abuk Achol Ring|person|SS|Permanent Representative of South Sudan to the United Nations|Achol|1
Espen Thorsen|person|NO|Deputy Permanent Representative of Norway to the United Nations|Thorsen|1
Joint Ceasefire Monitoring Commission|org|||JCMC|1
Sudanese Foreign Ministry|org|SD||Sudan's Foreign Ministry;Sudanese foreign ministry|1
Bayu Prasetyo|person|ID|commander, Indonesian Maritime Security Agency|Prasetyo|1
Hafiz Ismail|person|MY|regional commander, Malaysian Maritime Enforcement Agency|Hafiz|1
Sari Wulandari|person|ID|Foreign Ministry spokeswoman|Wulandari|1
Azlan Hashim|person|MY|Foreign Minister|Azlan;@AzlanHashimMY|1
Nguyen Thi Lan|person|VN|ASEAN special coordinator for maritime affairs|Lan|1
Lim Wei Sheng|person|MY|opposition member of parliament|Lim|1
Yohanes Manurung|person|ID|chairman, Tarakan Fishermen's Association|Manurung|1
Tarakan Fishermen's Association|org|ID|||1
Indonesian Maritime Security Agency|org|ID||Bakamla|1
Malaysian Maritime Enforcement Agency|org|MY||MMEA|1
Indonesian Foreign Ministry|org|ID||Indonesia's Foreign Ministry;Indonesian foreign ministry|1
Malaysian Foreign Ministry|org|MY||Malaysia's Foreign Ministry;Wisma Putra|1
Selin Aydemir|person|TR|Defence Ministry spokeswoman|Aydemir|1
Oksana Tkachuk|person|UA|Deputy Infrastructure Minister|Tkachuk|1
Mihai Dobrescu|person|RO|Rear Admiral, Romanian Navy|Dobrescu|1
Fiona Gallagher|person|IE|NATO maritime official|Gallagher|1
Plamen Dimov|person|BG|Defence Ministry official|Dimov|1
Bulgarian Defence Ministry|org|BG||Bulgaria's Defence Ministry|1
Turkish Defence Ministry|org|TR||Turkey's Defence Ministry;Türkiye's Defence Ministry;Turkish defence ministry|1
United Nations|org|||UN|0
United Nations Security Council|org|||UN Security Council;Security Council|0
NATO|org|||North Atlantic Treaty Organization|0
European Union|org|||EU|0
Organization for Security and Co-operation in Europe|org|||OSCE|0
OSCE Permanent Council|org|||Permanent Council|0
International Atomic Energy Agency|org|||IAEA|0
ASEAN|org|||Association of Southeast Asian Nations|0
African Union|org|||AU|0
African Union Commission|org|||AU Commission|0
IAEA Board of Governors|org|||Board of Governors|0
International Court of Justice|org|||ICJ|0
Intergovernmental Authority on Development|org|||IGAD|0
Geneva|place|CH||GENEVA|0
Vienna|place|AT||VIENNA|0
Palais des Nations|place|CH|||0
Zagreb|place|HR||ZAGREB|0
Belgrade|place|RS||BELGRADE|0
Vukovar|place|HR||VUKOVAR|0
Apatin|place|RS||APATIN|0
Bačka Palanka|place|RS||Backa Palanka;BAČKA PALANKA|0
Danube|place|||Danube River|0
Brussels|place|BE||BRUSSELS|0
Washington|place|US|||0
Tehran|place|IR||TEHRAN|0
Natanz|place|IR|||0
Fordow|place|IR|||0
Isfahan|place|IR|||0
Paris|place|FR|||0
London|place|GB|||0
Omani Foreign Ministry|org|OM||Oman's Foreign Ministry|1
Qom|place|IR|||0
Muscat|place|OM||MUSCAT|0
Abyei|place|||ABYEI|0
Kiir River|place|||Bahr el-Arab|0
Dungop|place|||Dungob|0
Agok|place||||0
Port Sudan|place|SD|||0
United Nations Interim Security Force for Abyei|org|||UNISFA|0
Khartoum|place|SD||KHARTOUM|0
Juba|place|SS||JUBA|0
Addis Ababa|place|ET||ADDIS ABABA|0
Jakarta|place|ID||JAKARTA|0
Kuala Lumpur|place|MY||KUALA LUMPUR|0
Tawau|place|MY||TAWAU|0
Tarakan|place|ID||TARAKAN|0
Sabah|place|MY|||0
Borneo|place||||0
North Kalimantan|place|ID|||0
Sulawesi Sea|place|||Celebes Sea|0
Ambalat|place|||Ambalat block|0
Strait of Malacca|place|||Malacca Strait|0
Vientiane|place|LA||VIENTIANE|0
Phnom Penh|place|KH||PHNOM PENH|0
Singapore Strait|place||||0
South China Sea|place||||0
Istanbul|place|TR||ISTANBUL|0
Ankara|place|TR||ANKARA|0
Kyiv|place|UA||Kiev;KYIV;KIEV|0
Odesa|place|UA||Odessa;ODESA|0
Izmail|place|UA|||0
Reni|place|UA|||0
Constanța|place|RO||Constanta;CONSTANTA;CONSTANȚA|0
Bucharest|place|RO|||0
Sofia|place|BG|||0
Varna|place|BG||VARNA|0
Black Sea|place||||0
Bosphorus|place|TR|||0
Turkish Straits|place|TR|||0
Mediterranean|place|||Mediterranean Sea|0
"""
COUNTRIES = """
HR|Croatia;Croatian;Croatians;Croats
RS|Serbia;Serbian;Serbians;Serbs
CH|Switzerland;Swiss
AT|Austria;Austrian
SE|Sweden;Swedish
PL|Poland;Polish
IR|Iran;Iranian;Iranians;Islamic Republic
FR|France;French
GB|Britain;British;United Kingdom
DE|Germany;German;Germans
OM|Oman;Omani
US|United States;American
SD|Sudan;Sudanese
SS|South Sudan;South Sudanese
ET|Ethiopia;Ethiopian
NO|Norway;Norwegian
GH|Ghana;Ghanaian
ML|Mali;Malian
ID|Indonesia;Indonesian;Indonesians
MY|Malaysia;Malaysian;Malaysians
VN|Vietnam;Vietnamese
PH|Philippines;Philippine;Filipino
LA|Laos;Lao
MM|Myanmar;Burma;Burmese
TR|Türkiye;Turkey;Turkish
UA|Ukraine;Ukrainian;Ukrainians
RO|Romania;Romanian
BG|Bulgaria;Bulgarian
IE|Ireland;Irish
RU|Russia;Russian
BE|Belgium;Belgian
SG|Singapore
GR|Greece;Greek
NL|Netherlands;Dutch
KH|Cambodia;Cambodian
TH|Thailand;Thai
CN|China;Chinese
QA|Qatar;Qatari
HU|Hungary;Hungarian
IL|Israel;Israeli
LB|Lebanon;Lebanese
"""
def load():
    ents = []
    for line in ENTITIES.strip().splitlines():
        name, typ, cc, role, aliases, inv = line.split("|")
        ents.append(dict(name=name, type=typ, country=cc, role=role,
                         aliases=[a for a in aliases.split(";") if a], invented=inv == "1"))
    countries = {}
    for line in COUNTRIES.strip().splitlines():
        cc, names = line.split("|")
        countries[cc] = names.split(";")
    return ents, countries
