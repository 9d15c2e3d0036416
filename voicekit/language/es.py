"""Español: what voicekit says and writes in a practice written in Spanish (addressed with "tú", as most
yoga classes in Spain are)."""

from __future__ import annotations

from voicekit.language.base import Language, amounts, below_thousand, check_number, just_one, units, with_noun
from voicekit.language.moves import es as moving
from voicekit.language.moves import phrases_of

ONES = [
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
    "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno",
    "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho",
    "veintinueve",
]  # fmt: skip
TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}
HUNDREDS = {
    1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos", 5: "quinientos", 6: "seiscientos",
    7: "setecientos", 8: "ochocientos", 9: "novecientos",
}  # fmt: skip


def _below_hundred(n: int) -> str:
    if n < 30:
        return ONES[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] + (f" y {ONES[unit]}" if unit else "")


def _hundreds(h: int, rest: str) -> str:
    if h == 1 and not rest:
        return "cien"
    return HUNDREDS[h] + (f" {rest}" if rest else "")


def number(n: int) -> str:
    """As counted aloud: 1 -> "uno", 21 -> "veintiuno", 100 -> "cien", 101 -> "ciento uno", 2000 -> "dos mil"."""
    check_number(n)
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_thousand(rest, _below_hundred, _hundreds)
    head = "mil" if thousands == 1 else f"{masculine(thousands)} mil"
    return f"{head} {below_thousand(rest, _below_hundred, _hundreds)}" if rest else head


def masculine(n: int) -> str:
    """Before a masculine noun: "un minuto", "veintiún minutos", "treinta y un segundos"."""
    word = number(n)
    if word.endswith("veintiuno"):
        return word[:-3] + "ún"
    return word[:-1] if word.endswith("uno") else word


def feminine(n: int) -> str:
    """Of a feminine noun: "una", "veintiuna", "doscientas"."""
    word = number(n).replace("ientos", "ientas")
    return word[:-1] + "a" if word.endswith("uno") else word


def time_left(hours: int, minutes: int, seconds: int) -> str:
    """(0, 1, 0) -> "Queda un minuto.", (0, 0, 30) -> "Quedan treinta segundos.", (1, 0, 0) -> "Queda una hora."."""
    hour, minute = with_noun(feminine), with_noun(masculine)  # una hora, un minuto
    units = ((hour, "hora", "horas"), (minute, "minuto", "minutos"), (minute, "segundo", "segundos"))
    verb = "Queda" if just_one(hours, minutes, seconds) else "Quedan"
    return f"{verb} {amounts((hours, minutes, seconds), units, 'y')}."


def round_of(n: int, m: int) -> str:
    """(2, 3) -> "Ronda dos de tres."; both agree with "ronda": "Ronda veintiuna de veintiuna", but "Ronda uno"
    (as "la página uno")."""
    return f"Ronda {number(n) if n == 1 else feminine(n)} de {feminine(m)}."


PHRASES = {
    "breath.in": "Inhala.",
    "breath.out": "Exhala.",
    "breath.hold": "Retén el aire.",
    "breath.in.2": "Toma aire.",
    "breath.in.3": "Y inhala.",
    "breath.out.2": "Suelta el aire.",
    "breath.out.3": "Y exhala.",
    "breath.hold.2": "Y retén.",
    "breath.hold.3": "Retén.",
    "transition": "Ahora, el otro lado.",
    "halfway": "Vamos por la mitad.",
    "chapter.intro": "Introducción",
    "chapter.closing": "Cierre",
    "chapter.side": "{pose} ({side})",
    "chapter.round": "Ronda {n} de {m}: {pose}",
    "label.length": "Duración",
    "label.built_with": "Creado con",
    "label.props": "Material",
    "label.no_props": "ninguno",
    "label.sequence": "Secuencia",
    "label.hold": "Permanencia",
    "label.breaths": "{n} respiraciones",
    "label.breaths.one": "{n} respiración",
    "label.also_called": "Otros nombres",
    "label.transition": "Cambio de lado",
    "label.reminders": "Indicaciones",
    "label.release": "Salida",
    "label.cautions": "Precauciones",
    "label.spoken": "se dice en voz alta",
    "label.time_cues": "Avisos de tiempo",
    "label.bells": "Campanadas",
    "label.bells.every": "cada {time}",
    "label.bells.at": "a los {times}",
    "label.as_first_round": "Como en la ronda 1.",
    "label.end.bowl": "Suena el cuenco.",
    "label.end.double": "El cuenco suena dos veces.",
    "label.end.chime": "Suena una campanilla.",
    "label.chapters": "Capítulos",
    "props.gather": "Para esta práctica necesitas {props}. "
    "Tómate ahora un momento para dejarlo todo preparado junto a tu esterilla.",
    "list.and": "{items} y {last}",
    "list.two": "{first} y {last}",
    "label.rounds": "{n} rondas",
    "label.rounds.one": "{n} ronda",
    "label.flow": "Movimientos",
    "label.phase.inhale": "Al inhalar",
    "label.phase.hold": "Retención con aire",
    "label.phase.exhale": "Al exhalar",
    "label.phase.hold_out": "Retención sin aire",
    "settings.fitted": "duración ajustada a {length}",
    "settings.holds": "permanencias {holds}",
    "settings.short": "cortas",
    "settings.medium": "medias",
    "settings.long": "largas",
    "settings.hold": "permanencia {pose}={duration}",
    "settings.scale": "factor {scale}",
    "settings.breath": "respiración de {inhale} s al inhalar y {exhale} s al exhalar",
    "settings.voice": "voz {voice} a {rate} palabras por minuto",
    "settings.volume": "volumen {volume}",
    "settings.pose_rate": "{pose} a {rate} palabras por minuto",
    "settings.bed": "fondo {kind} {level} dB",
    "settings.brown-noise": "ruido marrón",
    "settings.drone": "bordón",
    "settings.chimes": "campanillas entre posturas",
    "settings.breath.holds": (
        "respiración de {inhale} s al inhalar, {hold} s de retención, {exhale} s al exhalar y {hold_out} s de retención"
    ),
    "settings.guidance.quiet": "guía mínima",
    "settings.guidance.full": "guía completa",
}

SPANISH = Language(
    tag="es",
    name="Spanish",
    phrases={**PHRASES, **phrases_of(moving)},
    number=number,
    time_left=time_left,
    round=round_of,
    # The plain form first ("a la derecha", "la pierna derecha"), then the masculine ("el pie derecho").
    sides=(
        ("derecha", "izquierda"),
        ("derecho", "izquierdo"),
        ("derechas", "izquierdas"),
        ("derechos", "izquierdos"),
    ),
    # "Derecho" is also straight: the back, the spine, the head have no side; "bien derecho", "todo derecho".
    other_senses=(
        r"(?:espalda|columna(?: vertebral)?|tronco|cuello|cabeza|torso|cuerpo)(?: (?:bien|muy))? derech[oa]s?",
        r"(?:siéntate|sentad[oa]s?|sentarte|ponte|ponerte|mantente|quédate)(?: bien| muy)? derech[oa]s?",
        r"(?:bien|muy) derech[oa]s?",
        r"todo derecho",
        r"(?:tienes|tiene|tenéis|tienen) (?:todo el )?derecho a",
    ),
    units=units(
        ("seg", "segundo", "segundos"),
        ("min", "minuto", "minutos"),
        ("hora", "horas"),
    ),
    breath_words=("respiración", "respiraciones"),
    range_words=("a",),
    range_starts=("de",),
    hold_examples=("90 segundos", "5 minutos", "1:30", "5 a 8 minutos", "6 respiraciones", "5-8 respiraciones"),
    decimal_comma=True,
    halfway_words=("mitad", "a mitad", "a la mitad", "la mitad"),
    left_words=("restante", "restantes"),
    left_starts=("queda", "quedan", "falta", "faltan"),
    every_words=("cada",),
    move_words=moving.MOVE_WORDS,
    prop_words=moving.PROP_WORDS,
    prop_verbs=moving.PROP_VERBS,
)
TABLES = {"es": SPANISH}

# The words of voicekit serve's pages (``voicekit.language.page``).
PAGE = {
    "nav.practices": "Prácticas",
    "feed.title": "Prácticas de voicekit",
    "feed.link": "Pódcast de las sesiones creadas aquí, con capítulos",
    "library.recent": "Creadas hace poco",
    "library.all": "Todas las sesiones creadas",
    "library.yours": "tuya",
    "library.lengths": "{low}–{high} min (unos {medium} con permanencias medias)",
    "library.props": "material",
    "library.no_props": "ninguno",
    "library.unreadable": "No se puede leer",
    "library.none": "Aún no hay ninguna: abre una práctica y pulsa «Reproducir».",
    "chapters.count": "{n} capítulos",
    "cue_sheet": "Guion de la práctica",
    "play": "Reproducir",
    "choices.holds": "Permanencias",
    "holds.short": "Cortas",
    "holds.medium": "Medias",
    "holds.long": "Largas",
    "holds.minutes": "{n} min",
    "holds.fixed": "Las permanencias de esta práctica son fijas: todas las versiones duran lo mismo.",
    "choices.length": "o una duración de",
    "choices.minutes": "minutos",
    "choices.guidance": "Guía",
    "guidance.quiet": "Mínima",
    "guidance.guided": "Guiada",
    "guidance.full": "Completa",
    "guidance.hint": (
        "Mínima: silencio durante las permanencias. Completa: se guía cada respiración y cada recordatorio."
    ),
    "choices.more": "Sonido, relajación final y voz",
    "choices.bed": "Sonido de fondo",
    "choices.chimes": "Campanilla antes de cada postura",
    "choices.bell": "Sonido final",
    "choices.rest": "Relajación final",
    "choices.voice": "Voz",
    "choices.own": "{what} (como en la práctica)",
    "bed.none": "Ninguno",
    "bed.brown-noise": "Ruido marrón",
    "bed.drone": "Bordón",
    "bed.file": "su propia grabación",
    "chimes.on": "Sí",
    "chimes.off": "No",
    "bell.bowl": "Cuenco tibetano",
    "bell.chime": "Campanilla",
    "bell.double": "Cuenco, dos toques",
    "bell.none": "Ninguno",
    "decimal": ",",
    "rest.minutes": "{n} minutos",
    "voice.default": "{voice} (la voz de la práctica)",
    "voice.others": "Otros idiomas",
    "voice.download": "Puedes descargar una voz natural en {language} en el ordenador donde se ejecuta voicekit:",
    "language.en": "inglés",
    "language.de": "alemán",
    "language.es": "español",
    "language.fr": "francés",
    "language.it": "italiano",
    "language.pt": "portugués",
    "language.nl": "neerlandés",
    "now.label": "Ahora",
    "now.count": "parte {n} de {m}",
    "now.left": "quedan {time} de esta parte",
    "now.next": "Después: {title}",
    "now.last": "La última parte",
    "now.session": "quedan {time} de la sesión",
    "now.wake": "Mantener la pantalla encendida",
    "resume.at": "Seguir en {time}",
    "resume.start": "Desde el principio",
    "status.waiting": "Esperando a que termine otra versión…",
    "status.starting": "Preparando la voz…",
    "status.speech": "Grabando las indicaciones: {done} de {total}",
    "status.encoding": "Escribiendo el audio: {percent} %",
    "status.left": "faltan unos {time}",
    "status.ready": "Lista en {seconds} s",
    "status.failed": "No se ha podido crear: {error}",
    "status.offline": "El servidor no responde: ¿sigue en marcha voicekit serve en el ordenador?",
    "keep.title": "Practicar sin este ordenador",
    "keep.why": (
        "Esta página reproduce la sesión mientras el ordenador ejecuta voicekit. Para practicar sin él, "
        "guarda la sesión en el móvil o suscríbete al pódcast en una aplicación que descargue los pódcast "
        "desde el propio móvil (AntennaPod, Podcast Addict) y deja que descargue la sesión."
    ),
    "keep.save": "Guardar en el móvil",
    "keep.subscribe": "Suscribirse",
    "keep.feed": "Dirección del pódcast:",
    "error.busy": "ya se están creando o esperan {n} versiones; vuelve a intentarlo en un momento",
    "error.minutes": "elige de {low} a {high} minutos: es lo que puede llegar a durar esta práctica",
    "error.no_minutes": (
        "esta práctica no se puede ajustar a minutos enteros; elige permanencias cortas, medias o largas"
    ),
    "error.bad": "esta página no ofrece esa opción; vuelve a cargarla y elige de nuevo",
    "error.bad_minutes": "escribe un número entero de minutos entre {least} y {most}",
    "error.practice": "no se puede leer la práctica",
    "error.write": "no se puede escribir esta versión",
    "error.store": "no se pueden guardar las indicaciones habladas",
    "error.voice": "la voz no puede decirlo",
    "error.gone": "el archivo se ha borrado de la carpeta de salida nada más crearse; vuelve a pulsar «Reproducir»",
    "library.plan": "Sus posturas",
    "library.also_in": "También en",
    "library.languages": "Idiomas",
    "library.all_languages": "Todos los idiomas",
    "library.elsewhere": "{n} más en otros idiomas",
    "language.self": "Español",
    "compose.title": "Prepárame una práctica",
    "compose.length": "Duración",
    "compose.minutes": "u otra duración",
    "compose.focus": "Enfoque",
    "compose.focus_hint": "Elige los que quieras, o ninguno para todo el cuerpo.",
    "compose.level": "Nivel",
    "compose.where": "Dónde",
    "compose.props": "Lo que tengo",
    "compose.props_hint": "Nada marcado: basta con una esterilla.",
    "compose.avoid": "Qué evitar",
    "compose.go": "Prepararla",
    "compose.named": "{focus}, {n} minutos",
    "compose.described": "Compuesta para ti.",
    "compose.whole_body": "Todo el cuerpo",
    "compose.too_short": (
        "es demasiado corta para un calentamiento, la parte principal y una relajación; elige {least} minutos o más"
    ),
    "compose.no_rest": (
        "con estas opciones no queda ninguna postura para relajarse al final; marca más de lo que tienes o evita menos"
    ),
    "compose.no_focus": (
        "con estas opciones no queda ninguna postura para {area} ({why}); elige otro enfoque o cambia eso"
    ),
    "compose.unknown_focus": "la biblioteca no tiene ninguna postura para {area}; elige otro enfoque",
    "compose.failed": "hoy no se pudo preparar una práctica con estas opciones; cambia alguna y vuelve a intentarlo",
    "where.anywhere": "De pie y en el suelo",
    "where.no-floor": "Sin suelo: de pie y en una silla",
    "where.lying": "Solo tumbado",
    "level.gentle": "Suave",
    "level.moderate": "Moderado",
    "level.strong": "Intenso",
    "focus.lower-back": "Zona lumbar",
    "focus.hips": "Caderas",
    "focus.hamstrings": "Isquiotibiales",
    "focus.spine": "Columna",
    "focus.neck": "Cuello",
    "focus.shoulders": "Hombros",
    "focus.wrists": "Muñecas",
    "focus.legs": "Piernas",
    "focus.core": "Abdomen",
    "focus.balance": "Equilibrio",
    "focus.breath": "Respiración",
    "focus.rest": "Descanso",
    "avoid.pregnancy": "Embarazo",
    "avoid.knee-injury": "Lesión de rodilla",
    "avoid.wrist-injury": "Lesión de muñeca",
    "avoid.neck-injury": "Lesión de cuello",
    "avoid.osteoporosis": "Osteoporosis",
    "avoid.hip-replacement": "Prótesis de cadera",
    "avoid.high-blood-pressure": "Tensión alta",
    "avoid.glaucoma": "Glaucoma",
    "avoid.disc-herniation": "Hernia discal",
    "prop.bolster": "Cojín largo",
    "prop.blanket": "Manta",
    "prop.block": "Bloque",
    "prop.strap": "Cinta",
    "prop.chair": "Silla",
    "prop.wall": "Pared",
    "prop.pillow": "Almohada",
    "prop.towel": "Toalla",
}
