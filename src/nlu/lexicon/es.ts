import type { Lexicon } from '../types.ts';

// Spanish as Latin American families in Montreal text it ("q", "xq", "pa", "porfa"), no accents.
export const SPANISH: Lexicon = {
  language: 'es',
  markers: {
    yo: 1, mi: 3, mis: 3, tengo: 3, tiene: 3, tienen: 3, tenemos: 3, es: 1, esta: 3, estoy: 3, estamos: 3, soy: 3,
    el: 3, la: 1, los: 3, las: 3, un: 1, una: 2, unos: 3, de: 1, del: 3, en: 1, con: 3, para: 3, por: 3, pa: 1,
    que: 1, q: 2, como: 3, donde: 3, cuando: 3, cual: 3, quien: 3, porque: 3, xq: 3, pq: 1, y: 1, o: 1,
    pero: 3, muy: 3, mas: 2, hay: 3, algo: 3, alguien: 3, nada: 3, necesito: 3, necesitamos: 3, busco: 3,
    buscando: 3, quiero: 3, quisiera: 3, puedo: 3, puede: 3, pueden: 3, hijo: 3, hija: 3, hijos: 3, hijas: 3,
    nino: 3, nina: 3, ninos: 3, bebe: 1, anos: 3, ano: 2, meses: 3, mes: 3, semanas: 3, gracias: 3, hola: 3,
    buenos: 3, buenas: 3, dias: 3, tardes: 3, noches: 3, si: 1, no: 1, favor: 3, porfa: 3, porfavor: 3,
    usted: 3, ustedes: 3, nosotros: 3, ella: 3, ellos: 3, su: 3, sus: 3, tu: 1, te: 1, se: 1, lo: 3, le: 1,
    al: 2, ayuda: 3, ayudar: 3, aqui: 3, ahora: 3, tambien: 3, tiempo: 3, cosa: 3, bien: 2, hace: 3, hacer: 3,
    vivo: 3, vivimos: 3, esposo: 3, esposa: 3, marido: 2, casa: 3, barrio: 3, gustaria: 3, saber: 3, sobre: 3,
    ese: 3, eso: 3, este: 1, estos: 3, sea: 3, ya: 1, ud: 3, uds: 3, mucho: 3, muchas: 3, vale: 2,
  },
  intents: {
    prenatal: [
      'embarazada=1.6', 'embarazo', 'embarazadas=1.6', 'prenatal', 'prenatales', 'parto', 'dar a luz', 'partera',
      'comadrona', 'doula', 'fecha de parto', 'voy a tener un bebe', 'esperando un bebe', 'espero un bebe',
      'estoy esperando', 'ecografia', 'ultrasonido', 'semanas de embarazo', 'meses de embarazo', 'futura mama',
      'clases prenatales', 'control prenatal', 'nauseas', 'perinatal', 'nacimiento',
      'nace', 'nacera', 'va a nacer', 'nazca', 'bebe nace', 'mi bebe nace',
      'di a luz', 'acabo de dar a luz', 'posparto', 'postparto', 'recien nacido', 'recien nacida',
    ],
    breastfeeding: [
      'lactancia', 'lactancia materna', 'amamantar', 'amamanto', 'amamantando', 'dar pecho', 'dar el pecho',
      'dar teta', 'leche materna', 'pecho', 'pezon*', 'extractor de leche', 'sacaleches', 'mastitis', 'destete',
      'destetar', 'mi leche', 'no se pega', 'agarre',
    ],
    camp: [
      'campamento', 'campamentos', 'campamento de verano', 'campamento de dia', 'camp', 'campo de verano',
      'colonia de vacaciones', 'verano', 'este verano', 'vacaciones de verano', 'vacaciones', 'actividades de verano',
      'semana de receso', 'curso de verano',
    ],
    school_readiness: [
      'escuela', 'colegio', 'kinder', 'kinder garden', 'kindergarten', 'preescolar', 'pre escolar', 'jardin de ninos',
      'jardin infantil', 'maternelle', 'inscribir en la escuela', 'inscripcion escolar', 'inscripcion',
      'preparar para la escuela', 'listo para la escuela', 'lista para la escuela', 'entrar a la escuela',
      'empezar la escuela', 'primer grado', 'regreso a clases', 'aprender a leer', 'logopeda', 'terapia de lenguaje',
      'lenguaje', 'aprenda a leer', 'leer', 'lectura', 'estimulacion', 'estimulacion temprana', 'desarrollo', 'desarrollo infantil',
    ],
    childcare: [
      'guarderia', 'guarderias', 'cuidado de ninos', 'cuidado infantil', 'ninera', 'nana', 'cuidadora',
      'quien cuide', 'alguien que cuide', 'que me cuide', 'cuidar a mi', 'cuidar mis', 'cpe', 'lista de espera',
      'lugar en guarderia', 'cupo', 'cupo en guarderia', 'daycare', 'guarde', 'garderia', 'garderie',
      'guarderia subsidiada', 'estancia infantil',
      'cuide', 'cuiden', 'cuidar', 'que cuide', 'alguien cuide', 'cuidar a mi hija', 'cuidar a mi hijo',
    ],
    housing: [
      'vivienda', 'apartamento', 'departamento', 'depa', 'apto', 'alquiler', 'renta', 'arriendo', 'casero',
      'dueno', 'propietario', 'arrendador', 'contrato de arrendamiento', 'desalojo', 'desalojar', 'desalojan',
      'nos echan', 'me echan', 'nos sacan', 'sin casa', 'sin hogar', 'en la calle', 'refugio', 'albergue',
      'donde dormir', 'donde vivir', 'no tenemos donde', 'techo', 'cucarachas', 'chinches', 'moho', 'humedad',
      'calefaccion', 'mudanza', 'mudarnos', 'mudarme', 'vivienda social', 'hlm', 'cuarto', 'habitacion',
      'muy caro', 'lugar para vivir',
      'en el carro', 'en el auto', 'en el coche', 'en el carro con', 'dormimos en', 'dormir en el', 'durmiendo en', 'vivimos en el carro', 'en casa de una amiga', 'en casa de un amigo', 'en casa de amigos', 'en casa de mi amiga', 'casa de una amiga', 'quedando en casa', 'nos quedamos en casa', 'me quedo en casa de', 'nos estamos quedando', 'sofa', 'sillon', 'no tenemos casa', 'no tengo casa', 'no tenemos donde vivir', 'no tengo donde vivir', 'nos quieren sacar', 'nos van a sacar', 'sacar del apartamento', 'pagar la renta', 'pagar el alquiler', 'inquilino', 'inquilinos', 'arrendatario', 'desalojaron',
    ],
    basic_needs: [
      'comida', 'alimentos', 'hambre', 'banco de comida', 'banco de alimentos', 'despensa', 'canasta',
      'canasta basica', 'mercado', 'supermercado', 'ropa', 'abrigo', 'chaqueta', 'botas', 'panales', 'panal',
      'formula', 'leche de formula', 'leche en polvo', 'dinero', 'plata', 'no tengo dinero', 'no alcanza',
      'muebles', 'cuna', 'carriola', 'cochecito', 'silla de auto', 'cocina colectiva', 'juguetes', 'comer',
      'ayuda alimentaria', 'medicinas', 'medicamentos', 'pobre',
      'no tenemos comida', 'no alcanza la comida', 'se nos acabo', 'nos falta', 'falta comida', 'nada que comer',
      'alimentacion', 'alimentacion sana', 'alimentar', 'comer sano', 'nutricion',
    ],
    newcomer: [
      'recien llegado', 'recien llegada', 'recien llegados', 'recien llegue', 'acabo de llegar', 'acabamos de llegar',
      'llegamos a canada', 'llegue a canada', 'llegamos a montreal', 'llegue a montreal', 'nuevo en canada',
      'nueva en canada', 'inmigrante', 'inmigrantes', 'inmigracion', 'migracion', 'refugiado', 'refugiada',
      'refugiados', 'asilo', 'solicitante de asilo', 'solicitud de asilo', 'papeles', 'sin papeles', 'estatus',
      'residencia permanente', 'residente permanente', 'ciudadania', 'permiso de trabajo', 'permiso de estudios',
      'clases de frances', 'curso de frances', 'aprender frances', 'francisation', 'francisacion', 'tarjeta de salud',
      'ramq', 'seguro medico', 'numero de seguro social', 'visa', 'patrocinio',
      'llegamos de', 'llegue de', 'llego de', 'llegamos hace', 'llegue hace', 'llegaron de', 'venimos de', 'vengo de', 'recien llegad*', 'inmigr*', 'refugi*', 'solicitante*', 'recien llegamos', 'nuevos aqui', 'nueva aqui', 'nuevo aqui', 'otro pais', 'llegamos en',
      'acabamos de mudarnos', 'acabo de mudarme', 'familias nuevas', 'nuevas familias', 'familia nueva',
    ],
    events: [
      'evento', 'eventos', 'actividad', 'actividades', 'fiesta', 'festival', 'fin de semana', 'este fin de semana',
      'que hacer', 'salida', 'salidas', 'paseo', 'taller', 'talleres', 'biblioteca', 'cuentos', 'hora del cuento',
      'parque', 'piscina', 'jugar', 'juegos', 'gratis', 'gratuito', 'gratuitas', 'gratuitos', 'deportes', 'masaje para bebe', 'masaje bebe', 'padres e hijos', 'calendario',
      'sabado=0.9', 'domingo=0.9', 'viernes=0.8', 'lunes=0.7', 'martes=0.7', 'miercoles=0.7', 'jueves=0.7', 'divertido', 'algo divertido', 'para hacer', 'que hay para', 'planes',
      'esta semana=0.8',
      'grupo de apoyo=0.8', 'grupo de padres', 'grupo de madres', 'apoyo entre padres', 'ayuda mutua=0.8', 'embajadora', 'embajador',
      'este sabado=1', 'este domingo=1',
    ],
    human: [
      'hablar con alguien', 'hablar con una persona', 'hablar con un humano', 'hablar con un agente',
      'hablar con una trabajadora', 'hablar con un trabajador', 'persona real', 'una persona=0.8', 'un humano=1',
      'humano=1', 'agente=0.8', 'trabajadora social', 'trabajador social', 'llamame', 'llamenme', 'me pueden llamar',
      'me puede llamar', 'alguien me puede llamar', 'me llaman', 'hablar por telefono', 'operador',
      'quiero hablar con',
    ],
    crisis: [
      'me pega', 'me golpea', 'me golpeo', 'me pego', 'golpea', 'golpes', 'me maltrata', 'maltrato', 'violencia',
      'violento', 'abuso', 'abusa', 'abusaron', 'en peligro', 'peligro', 'tengo miedo de mi esposo',
      'miedo de mi pareja', 'miedo por mi vida', 'no estoy segura', 'no estoy seguro', 'me quiero morir',
      'quiero morir', 'quiero morirme', 'matarme', 'suicidarme', 'suicidio', 'suicida', 'quitarme la vida',
      'hacerme dano', 'lastimarme', 'ya no quiero vivir', 'no quiero vivir', 'me amenaza',
      'amenazas', 'le pega a mi hijo', 'le pega a mi hija', 'le pega a los ninos', 'pega a mis hijos',
      'violacion', 'violaron', 'acoso', 'sacudir al bebe', 'hacerle dano al bebe', 'cuchillo', 'arma',
      'emergencia', 'me ahorco',
      'no puedo mas', 'ya no puedo mas', 'no aguanto mas', 'ya no aguanto', 'quiero desaparecer', 'acabar con todo', 'terminar con todo', 'acabar con mi vida', 'no vale la pena vivir', 'mejor muerta', 'mejor muerto', 'cortarme', 'me quiero matar', 'me voy a matar', 'suicid*', 'moretones', 'violencia domestica', 'no me siento segura', 'no me siento seguro', 'miedo por mis hijos', 'miedo por mi seguridad', 'tengo miedo de el', 'me va a matar', 'nos va a matar', 'ganas de morir', 'no quiero seguir', 'no quiero seguir viviendo', 'hacerle dano', 'hace dano',
      'mejor sin mi', 'mejor sin nosotros', 'ya no tiene sentido', 'no le veo sentido', 'sin sentido vivir', 'nadie me extranaria', 'nadie me va a extranar',
    ],
    stop: ['no mas mensajes', 'no quiero mas mensajes', 'no quiero recibir', 'dejen de escribirme', 'deja de escribirme', 'dejen de enviar', 'dejen de mandar', 'no me escriban', 'no me manden', 'cancelar suscripcion', 'darme de baja', 'dar de baja', 'desuscribir', 'desuscribirme'],
    start: ['comenzar', 'empezar', 'reanudar', 'volver a recibir', 'suscribir', 'suscribirme', 'activar', 'reactivar', 'quiero recibir mensajes'],
    help: ['ayuda', 'ayudame', 'ayudenme', 'necesito ayuda', 'como funciona', 'que es esto', 'que hacen', 'que puedo hacer', 'informacion', 'info', 'pregunta', 'no entiendo', 'no entendi', 'socorro', 'auxilio', 'que puedes hacer', 'que puede hacer', 'que pueden hacer', 'que haces', 'para que sirve', 'como me puedes ayudar', 'en que me pueden ayudar', 'en que me ayudan', 'que ofrecen'],
    menu: ['menu', 'menu principal', 'opciones', 'volver', 'regresar', 'atras', 'inicio', 'lista', 'empezar de nuevo', 'volver al menu'],
    change_language: ['idioma', 'idiomas', 'lengua', 'cambiar idioma', 'cambiar de idioma', 'otro idioma', 'hablan espanol', 'hablas espanol', 'habla espanol', 'hablan ingles', 'en espanol', 'en espanol por favor', 'escribir en', 'escribanme en', 'escribeme en', 'responder en', 'contestar en', 'en ingles', 'en frances', 'en creole', 'en criollo'],
    delete_data: ['borr* mis datos', 'elimin* mis datos', 'borr* mi numero', 'elimin* mi numero', 'borrar=1', 'eliminar=1', 'borrar mis datos', 'borren mis datos', 'eliminar mis datos', 'eliminen mis datos', 'borrar mi informacion', 'eliminar mi informacion', 'borrar mi numero', 'eliminar mi numero', 'borren mi numero', 'olvidenme', 'mis datos', 'borrar todo', 'eliminar mi cuenta', 'informacion personal', 'borrar mi expediente'],
    greeting: ['hola', 'buenos dias', 'buen dia', 'buenas tardes', 'buenas noches', 'buenas', 'saludos', 'que tal', 'holi', 'hola que tal', 'ola', 'alo', 'hello'],
    thanks: ['gracias', 'muchas gracias', 'mil gracias', 'grax', 'grcs', 'thx', 'muy amable', 'se lo agradezco', 'le agradezco', 'te agradezco', 'gracias por todo', 'muchisimas gracias', 'gracias a ustedes'],
    yes: ['si', 'sii', 'siii', 'claro', 'claro que si', 'dale', 'vale', 'ok', 'okey', 'okay', 'de acuerdo', 'por supuesto', 'perfecto', 'esta bien', 'sip', 'asi es', 'correcto', 'exacto', 'bueno', 'si por favor', 'si gracias', 'con gusto', 'va'],
    no: ['no', 'nop', 'no gracias', 'todavia no', 'ahora no', 'por ahora no', 'nunca', 'para nada', 'no necesito', 'no me interesa', 'no hace falta', 'estoy bien', 'aun no'],
  },
  numbers: {
    cero: 0, uno: 1, una: 1, un: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
    diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17,
    dieciocho: 18, diecinueve: 19, veinte: 20, treinta: 30,
  },
  months: {
    enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9,
    octubre: 10, noviembre: 11, diciembre: 12,
  },
  languageNames: { espanol: 'es', castellano: 'es', ingles: 'en', frances: 'fr', criollo: 'ht', creole: 'ht', kreyol: 'ht', haitiano: 'ht' },
  sample: `hola busco una guarderia para mi hijo de dos anos tienen lugar por favor
  estoy embarazada de cinco meses y quisiera saber donde hay clases prenatales en el barrio
  muchas gracias por su ayuda muy amable vamos a llamar la semana que viene
  mi hija va a empezar el kinder en septiembre como la puedo preparar para la escuela
  necesitamos ayuda con la vivienda el dueno nos quiere desalojar y la renta es muy cara
  hay actividades gratis para los ninos este fin de semana en el parque o la biblioteca
  quiero hablar con una persona por favor es urgente me pueden llamar hoy
  acabamos de llegar a canada el mes pasado y necesitamos ayuda con los papeles y las clases de frances
  que campamentos de verano hay para una nina de cuatro anos no entiendo como funciona esto`,
};
