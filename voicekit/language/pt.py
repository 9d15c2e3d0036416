"""Português: what voicekit says and writes in a practice written in Portuguese, as spoken in Portugal
(``pt``) and in Brazil (``pt-BR``: its own teens, dezesseis, and a few phrases of its own). The teacher
addresses the listener as "você" (Inspire., Expire.), which reads naturally in both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from voicekit.language.base import Language, amounts, below_thousand, check_number, just_one, units, with_noun
from voicekit.language.moves import phrases_of
from voicekit.language.moves import pt as moving

ONES = [
    "zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze", "treze",
    "catorze", "quinze", "dezasseis", "dezassete", "dezoito", "dezanove",
]  # fmt: skip
ONES_BR = [*ONES[:16], "dezesseis", "dezessete", "dezoito", "dezenove"]
TENS = {2: "vinte", 3: "trinta", 4: "quarenta", 5: "cinquenta", 6: "sessenta", 7: "setenta", 8: "oitenta", 9: "noventa"}
HUNDREDS = {
    1: "cento", 2: "duzentos", 3: "trezentos", 4: "quatrocentos", 5: "quinhentos", 6: "seiscentos", 7: "setecentos",
    8: "oitocentos", 9: "novecentos",
}  # fmt: skip


def numbers(ones: list[str]) -> Callable[[int], str]:
    """The number words with these words below twenty."""

    def below_hundred(n: int) -> str:
        if n < 20:
            return ones[n]
        tens, unit = divmod(n, 10)
        return TENS[tens] + (f" e {ones[unit]}" if unit else "")

    def hundreds(h: int, rest: str) -> str:
        if h == 1 and not rest:
            return "cem"
        return HUNDREDS[h] + (f" e {rest}" if rest else "")

    def number(n: int) -> str:
        """As counted aloud: 21 -> "vinte e um", 100 -> "cem", 1001 -> "mil e um",
        1250 -> "mil duzentos e cinquenta"."""
        check_number(n)
        thousands, rest = divmod(n, 1000)
        tail = below_thousand(rest, below_hundred, hundreds)
        if not thousands:
            return tail
        head = "mil" if thousands == 1 else below_thousand(thousands, below_hundred, hundreds) + " mil"
        if not rest:
            return head
        return f"{head} {'e ' if rest < 100 or rest % 100 == 0 else ''}{tail}"

    return number


number = numbers(ONES)


def time_lefts(number: Callable[[int], str]) -> Callable[[int, int, int], str]:
    def feminine(n: int) -> str:  # uma hora, duas horas
        word = number(n)
        return word + "a" if word.endswith("um") else word[:-4] + "duas" if word.endswith("dois") else word

    def time_left(hours: int, minutes: int, seconds: int) -> str:
        """(0, 1, 0) -> "Falta um minuto.", (0, 0, 30) -> "Faltam trinta segundos.",
        (2, 0, 0) -> "Faltam duas horas."."""
        said = with_noun(number)
        units = ((with_noun(feminine), "hora", "horas"), (said, "minuto", "minutos"), (said, "segundo", "segundos"))
        verb = "Falta" if just_one(hours, minutes, seconds) else "Faltam"
        return f"{verb} {amounts((hours, minutes, seconds), units, 'e')}."

    return time_left


def rounds(number: Callable[[int], str]) -> Callable[[int, int], str]:
    def round_of(n: int, m: int) -> str:
        """(2, 3) -> "Ciclo dois de três."."""
        return f"Ciclo {number(n)} de {number(m)}."

    return round_of


PHRASES = {
    "breath.in": "Inspire.",
    "breath.out": "Expire.",
    "breath.hold": "Sustenha.",
    "breath.in.2": "E inspire.",
    "breath.in.3": "Puxe o ar.",
    "breath.out.2": "E expire.",
    "breath.out.3": "Solte o ar.",
    "breath.hold.2": "E sustenha.",
    "breath.hold.3": "Retenha.",
    "transition": "Agora, o outro lado.",
    "halfway": "Estamos a meio.",
    "chapter.intro": "Introdução",
    "chapter.closing": "Encerramento",
    "chapter.side": "{pose} ({side})",
    "chapter.round": "Ciclo {n} de {m}: {pose}",
    "label.length": "Duração",
    "label.built_with": "Criado com",
    "label.props": "Material",
    "label.no_props": "nenhum",
    "label.sequence": "Sequência",
    "label.hold": "Permanência",
    "label.breaths": "{n} respirações",
    "label.breaths.one": "{n} respiração",
    "label.also_called": "Outros nomes",
    "label.transition": "Troca de lado",
    "label.reminders": "Indicações",
    "label.release": "Saída",
    "label.cautions": "Cuidados",
    "label.spoken": "dito em voz alta",
    "label.time_cues": "Avisos de tempo",
    "label.bells": "Toques de sino",
    "label.bells.every": "a cada {time}",
    "label.bells.at": "aos {times}",
    "label.as_first_round": "Como no ciclo 1.",
    "label.end.bowl": "Soa a tigela tibetana.",
    "label.end.double": "A tigela tibetana soa duas vezes.",
    "label.end.chime": "Soa um sininho.",
    "label.chapters": "Capítulos",
    "props.gather": "Para esta prática, vai precisar de {props}. "
    "Tire agora um momento para deixar tudo preparado junto ao tapete.",
    "list.and": "{items} e {last}",
    "list.two": "{first} e {last}",
    "label.rounds": "{n} ciclos",
    "label.rounds.one": "{n} ciclo",
    "label.flow": "Movimentos",
    "label.phase.inhale": "Ao inspirar",
    "label.phase.hold": "Retenção com ar",
    "label.phase.exhale": "Ao expirar",
    "label.phase.hold_out": "Retenção sem ar",
    "settings.fitted": "duração ajustada a {length}",
    "settings.holds": "permanências {holds}",
    "settings.short": "curtas",
    "settings.medium": "médias",
    "settings.long": "longas",
    "settings.hold": "permanência {pose}={duration}",
    "settings.scale": "fator {scale}",
    "settings.breath": "inspirar {inhale} s e expirar {exhale} s",
    "settings.voice": "voz {voice} a {rate} palavras por minuto",
    "settings.volume": "nível {volume}",
    "settings.pose_rate": "{pose} a {rate} palavras por minuto",
    "settings.bed": "fundo {kind} {level} dB",
    "settings.brown-noise": "ruído castanho",
    "settings.drone": "bordão",
    "settings.chimes": "sininhos entre as posturas",
    "settings.breath.holds": "inspirar {inhale} s, reter {hold} s, expirar {exhale} s e reter {hold_out} s",
    "settings.guidance.quiet": "orientação mínima",
    "settings.guidance.full": "orientação completa",
}

PORTUGUESE = Language(
    tag="pt",
    name="Portuguese",
    phrases={**PHRASES, **phrases_of(moving)},
    number=number,
    time_left=time_lefts(number),
    round=rounds(number),
    # The plain form first ("para a direita", "a perna direita"), then the masculine ("o pé direito").
    sides=(
        ("direita", "esquerda"),
        ("direito", "esquerdo"),
        ("direitas", "esquerdas"),
        ("direitos", "esquerdos"),
    ),
    # "Direito" is also straight: the back, the spine, the head have no side; "bem direito", "a direito" (ahead).
    other_senses=(
        r"(?:costas|coluna(?: vertebral)?|tronco|pescoço|cabeça|corpo|busto)(?: (?:bem|muito))? direit[oa]s?",
        r"(?:sente-se|sentar-se|sentad[oa]s?|fique|ficar|mantenha-se|ponha-se|endireite-se)(?: bem)? direit[oa]s?",
        r"(?:bem|muito) direit[oa]s?",
        r"a direito",
        r"tem (?:todo o )?direito a",
    ),
    units=units(
        ("seg", "segundo", "segundos"),
        ("min", "minuto", "minutos"),
        ("hora", "horas"),
    ),
    breath_words=("respiração", "respirações"),
    range_words=("a",),
    range_starts=("de",),
    hold_examples=("90 segundos", "5 minutos", "1:30", "5 a 8 minutos", "6 respirações", "5-8 respirações"),
    decimal_comma=True,
    halfway_words=("metade", "a meio", "na metade", "a metade"),
    left_words=("restante", "restantes"),
    left_starts=("falta", "faltam", "ainda"),
    every_words=("a cada", "cada"),
    move_words=moving.MOVE_WORDS,
    prop_words=moving.PROP_WORDS,
    prop_verbs=moving.PROP_VERBS,
)
number_br = numbers(ONES_BR)
BRAZILIAN = replace(
    PORTUGUESE,
    tag="pt-br",
    name="Brazilian Portuguese",
    phrases={
        **PORTUGUESE.phrases,
        **phrases_of(moving, moving.BRAZILIAN_PROPS),
        "halfway": "Estamos na metade.",
        "settings.brown-noise": "ruído marrom",
        "props.gather": "Para esta prática, você vai precisar de {props}. Reserve agora um momento para deixar tudo "
        "pronto ao lado do tapete.",
        "breath.hold": "Segure.",
        "breath.hold.2": "E segure.",
        "breath.hold.3": "Segure o ar.",
    },
    number=number_br,
    time_left=time_lefts(number_br),
    round=rounds(number_br),
)
TABLES = {"pt": PORTUGUESE, "pt-br": BRAZILIAN}

# The words of voicekit serve's pages (``voicekit.language.page``): Portugal's, then Brazil's where they differ.
PAGE = {
    "nav.practices": "Práticas",
    "feed.title": "Práticas do voicekit",
    "feed.link": "Feed de podcast das sessões criadas aqui, com capítulos",
    "library.recent": "Criadas recentemente",
    "library.all": "Todas as sessões criadas",
    "library.yours": "sua",
    "library.lengths": "{low}–{high} min (cerca de {medium} com permanências médias)",
    "library.props": "material",
    "library.no_props": "nenhum",
    "library.unreadable": "Não é possível ler",
    "library.none": "Ainda nenhuma: abra uma prática e toque em «Reproduzir».",
    "chapters.count": "{n} capítulos",
    "cue_sheet": "Guião da prática",
    "play": "Reproduzir",
    "choices.holds": "Permanências",
    "holds.short": "Curtas",
    "holds.medium": "Médias",
    "holds.long": "Longas",
    "holds.minutes": "{n} min",
    "holds.fixed": "As permanências desta prática são fixas: todas as versões duram o mesmo.",
    "choices.length": "ou uma duração de",
    "choices.minutes": "minutos",
    "choices.guidance": "Orientação",
    "guidance.quiet": "Mínima",
    "guidance.guided": "Guiada",
    "guidance.full": "Completa",
    "guidance.hint": "Mínima: silêncio durante as permanências. Completa: cada respiração e cada lembrete são guiados.",
    "choices.more": "Som, relaxamento final e voz",
    "choices.bed": "Som de fundo",
    "choices.chimes": "Sininho antes de cada postura",
    "choices.bell": "Som final",
    "choices.rest": "Relaxamento final",
    "choices.voice": "Voz",
    "choices.own": "{what} (como na prática)",
    "bed.none": "Nenhum",
    "bed.brown-noise": "Ruído castanho",
    "bed.drone": "Bordão",
    "bed.file": "a sua própria gravação",
    "chimes.on": "Sim",
    "chimes.off": "Não",
    "bell.bowl": "Taça tibetana",
    "bell.chime": "Sininho",
    "bell.double": "Taça tibetana, dois toques",
    "bell.none": "Nenhum",
    "decimal": ",",
    "rest.minutes": "{n} minutos",
    "voice.default": "{voice} (a voz da prática)",
    "voice.others": "Outras línguas",
    "voice.download": "Pode transferir uma voz natural em {language} no computador onde o voicekit está a correr:",
    "language.en": "inglês",
    "language.de": "alemão",
    "language.es": "espanhol",
    "language.fr": "francês",
    "language.it": "italiano",
    "language.pt": "português",
    "language.nl": "neerlandês",
    "now.label": "Agora",
    "now.count": "parte {n} de {m}",
    "now.left": "faltam {time} nesta parte",
    "now.next": "A seguir: {title}",
    "now.last": "A última parte",
    "now.session": "faltam {time} para o fim da sessão",
    "now.wake": "Manter o ecrã ligado",
    "resume.at": "Continuar em {time}",
    "resume.start": "Desde o início",
    "status.waiting": "À espera de que termine outra versão…",
    "status.starting": "A preparar a voz…",
    "status.speech": "A gravar as indicações: {done} de {total}",
    "status.encoding": "A escrever o áudio: {percent} %",
    "status.left": "faltam cerca de {time}",
    "status.ready": "Pronta em {seconds} s",
    "status.failed": "Não foi possível criá-la: {error}",
    "status.offline": "O servidor não responde: o voicekit serve ainda está a correr no computador?",
    "keep.title": "Praticar sem este computador",
    "keep.why": (
        "Esta página reproduz a sessão enquanto o computador estiver a correr o voicekit. Para praticar sem "
        "ele, guarde a sessão no telemóvel ou subscreva o feed numa aplicação de podcasts que vá buscar os "
        "feeds no próprio telemóvel (AntennaPod, Podcast Addict) e deixe-a transferir a sessão."
    ),
    "keep.save": "Guardar no telemóvel",
    "keep.subscribe": "Subscrever",
    "keep.feed": "Endereço do feed:",
    "error.busy": "já há {n} versões a ser criadas ou em espera; tente de novo daqui a pouco",
    "error.minutes": "escolha de {low} a {high} minutos: é o que esta prática pode durar",
    "error.no_minutes": (
        "esta prática não pode ser ajustada a minutos inteiros; escolha permanências curtas, médias ou longas"
    ),
    "error.bad": "esta página não oferece essa opção; recarregue-a e escolha de novo",
    "error.bad_minutes": "escreva um número inteiro de minutos entre {least} e {most}",
    "error.practice": "não é possível ler a prática",
    "error.write": "não é possível escrever esta versão",
    "error.store": "não é possível guardar as indicações faladas",
    "error.voice": "a voz não consegue dizê-lo",
    "error.gone": "o ficheiro foi retirado da pasta de saída logo que foi criado; toque de novo em «Reproduzir»",
    "library.plan": "As suas posturas",
    "library.also_in": "Também em",
    "library.languages": "Idiomas",
    "library.all_languages": "Todos os idiomas",
    "library.elsewhere": "Mais {n} noutros idiomas",
    "language.self": "Português",
    "compose.title": "Prepare-me uma prática",
    "compose.length": "Duração",
    "compose.minutes": "ou outra duração",
    "compose.focus": "Foco",
    "compose.focus_hint": "Escolha quantos quiser, ou nenhum para o corpo todo.",
    "compose.level": "Nível",
    "compose.where": "Onde",
    "compose.props": "O que tenho",
    "compose.props_hint": "Nada assinalado: basta um tapete.",
    "compose.avoid": "O que evitar",
    "compose.go": "Preparar",
    "compose.named": "{focus}, {n} minutos",
    "compose.described": "Composta para si.",
    "compose.whole_body": "O corpo todo",
    "compose.too_short": (
        "é curto demais para um aquecimento, a parte principal e um relaxamento; escolha {least} minutos ou mais"
    ),
    "compose.no_rest": (
        "com estas escolhas não sobra nenhuma postura para o relaxamento final; assinale mais acessórios ou evite menos"
    ),
    "compose.no_focus": (
        "com estas escolhas não sobra nenhuma postura para {area} ({why}); escolha outro foco ou mude essas escolhas"
    ),
    "compose.unknown_focus": "a biblioteca não tem nenhuma postura para {area}; escolha outro foco",
    "compose.failed": "hoje não foi possível preparar uma prática com estas escolhas; mude uma delas e tente de novo",
    "where.anywhere": "De pé e no chão",
    "where.no-floor": "Sem chão: de pé e numa cadeira",
    "where.lying": "Só deitado",
    "level.gentle": "Suave",
    "level.moderate": "Moderado",
    "level.strong": "Intenso",
    "focus.lower-back": "Zona lombar",
    "focus.hips": "Ancas",
    "focus.hamstrings": "Isquiotibiais",
    "focus.spine": "Coluna",
    "focus.neck": "Pescoço",
    "focus.shoulders": "Ombros",
    "focus.wrists": "Pulsos",
    "focus.legs": "Pernas",
    "focus.core": "Abdómen",
    "focus.balance": "Equilíbrio",
    "focus.breath": "Respiração",
    "focus.rest": "Descanso",
    "avoid.pregnancy": "Gravidez",
    "avoid.knee-injury": "Lesão no joelho",
    "avoid.wrist-injury": "Lesão no pulso",
    "avoid.neck-injury": "Lesão no pescoço",
    "avoid.osteoporosis": "Osteoporose",
    "avoid.hip-replacement": "Prótese da anca",
    "avoid.high-blood-pressure": "Tensão alta",
    "avoid.glaucoma": "Glaucoma",
    "avoid.disc-herniation": "Hérnia discal",
    "prop.bolster": "Rolo",
    "prop.blanket": "Manta",
    "prop.block": "Bloco",
    "prop.strap": "Cinto",
    "prop.chair": "Cadeira",
    "prop.wall": "Parede",
    "prop.pillow": "Almofada",
    "prop.towel": "Toalha",
}
PAGES = {
    "pt": PAGE,
    "pt-br": {
        **PAGE,
        "library.none": "Ainda nenhuma: abra uma prática e toque em “Reproduzir”.",
        "cue_sheet": "Roteiro da prática",
        "language.self": "Português (Brasil)",
        "compose.described": "Composta para você.",
        "library.elsewhere": "Mais {n} em outros idiomas",
        "bed.brown-noise": "Ruído marrom",
        "bed.file": "a própria gravação",
        "voice.others": "Outros idiomas",
        "voice.download": (
            "Você pode baixar uma voz natural em {language} no computador em que o voicekit está rodando:"
        ),
        "language.nl": "holandês",
        "now.next": "Depois: {title}",
        "now.wake": "Manter a tela ligada",
        "resume.start": "Do início",
        "status.waiting": "Aguardando outra versão terminar…",
        "status.starting": "Preparando a voz…",
        "status.speech": "Gravando as indicações: {done} de {total}",
        "status.encoding": "Gravando o áudio: {percent}%",
        "status.offline": "O servidor não responde: o voicekit serve ainda está rodando no computador?",
        "keep.why": (
            "Esta página reproduz a sessão enquanto o computador estiver rodando o voicekit. Para praticar sem "
            "ele, salve a sessão no celular ou assine o feed em um app de podcasts que busque os feeds no "
            "próprio celular (AntennaPod, Podcast Addict) e deixe que ele baixe a sessão."
        ),
        "keep.save": "Salvar no celular",
        "keep.subscribe": "Assinar",
        "error.busy": "já há {n} versões sendo criadas ou aguardando; tente de novo em instantes",
        "error.store": "não é possível salvar as indicações faladas",
        "error.gone": "o arquivo foi removido da pasta de saída assim que foi criado; toque de novo em “Reproduzir”",
        "compose.title": "Monte uma prática para mim",
        "compose.go": "Montar",
        "compose.props_hint": "Nada marcado: basta um tapetinho.",
        "where.no-floor": "Sem chão: em pé e numa cadeira",
        "where.anywhere": "Em pé e no chão",
        "focus.hips": "Quadris",
        "focus.core": "Abdômen",
        "avoid.hip-replacement": "Prótese de quadril",
        "avoid.high-blood-pressure": "Pressão alta",
        "compose.no_rest": (
            "com estas escolhas não sobra nenhuma postura para o relaxamento final; marque mais "
            "acessórios ou evite menos"
        ),
    },
}
