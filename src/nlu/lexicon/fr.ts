import type { Lexicon } from '../types.ts';

// French as Montreal parents text it: standard, Quebec informal ("jsuis", "pis", "y a tu",
// "icitte") and SMS shorthand ("bjr", "stp", "qqn"), all without accents.
export const FRENCH: Lexicon = {
  language: 'fr',
  markers: {
    // Function words found in French only.
    je: 3, j: 2, jai: 3, suis: 3, est: 2, et: 2, les: 2, des: 2, du: 3, au: 2, aux: 3, un: 2, une: 3,
    le: 2, mon: 3, ma: 2, mes: 3, ton: 2, ta: 1, tes: 2, son: 1, sa: 1, ses: 2, nous: 3, vous: 3, il: 2, elle: 3,
    ils: 3, elles: 3, on: 1, qui: 3, que: 2, quoi: 3, quel: 3, quelle: 3, quand: 3, comment: 3, pourquoi: 3,
    ou: 1, avec: 3, dans: 3, pour: 3, sur: 2, chez: 3, mais: 3, donc: 3, aussi: 3, tres: 2, pas: 3, ne: 2,
    plus: 2, rien: 3, beaucoup: 3, merci: 3, bonjour: 3, bonsoir: 3, salut: 3, allo: 1, oui: 3, ouais: 3, non: 1,
    cest: 3, ca: 3, ce: 2, cette: 3, ces: 3, ai: 2, as: 1, avez: 3, avoir: 3, etre: 3, fait: 3,
    faire: 3, veux: 3, voudrais: 3, peux: 3, pouvez: 3, besoin: 3, cherche: 3, chercher: 3, y: 1,
    enfant: 3, enfants: 3, fils: 2, fille: 3, bebe: 2, mois: 3, ans: 3, semaine: 3, semaines: 3, svp: 3,
    stp: 3, sil: 3, plait: 3, daccord: 3, quelquun: 3, aider: 3, aide: 2, vient: 3,
    // Quebec informal French and SMS shorthand.
    jsuis: 3, chu: 3, chui: 3, jsui: 3, pis: 3, tse: 3, icitte: 3, pantoute: 3, ben: 2, faque: 3,
    toe: 2, moe: 2, astheure: 3, tu: 2, jveux: 3, jpeux: 3, jsais: 3, jaimerais: 3, ya: 2, bjr: 3, slt: 3,
    mrc: 3, qqn: 3, qqch: 3, pcq: 3, pk: 2, dsl: 3, tkt: 3, cmt: 3, kan: 1, ke: 1, koi: 3, sti: 2,
    garderie: 3, logement: 3, maternelle: 3, enceinte: 3, allaitement: 3, quartier: 3, aller: 3,
  },
  intents: {
    prenatal: [
      'enceinte=1.6', 'enceintes=1.6', 'grossesse', 'grossesses', 'prenatal', 'prenatale', 'prenataux', 'prenatals',
      'accouchement', 'accoucher', 'accouche', 'sage femme', 'sage-femme', 'sagefemme', 'suivi de grossesse',
      'date prevue', 'terme prevu', 'j attends un bebe', 'attend un bebe', 'on attend un bebe', 'future maman',
      'futur papa', 'futurs parents', 'futur parent', 'cours prenatal*', 'rencontres prenatales', 'perinatal*',
      'accompagnante', 'doula', 'echographie', 'nausees', 'mois de grossesse', 'semaines de grossesse',
      'marrainage', 'relevailles', 'naissance', 'bedaine',
      'bebe arrive', 'va naitre', 'naitre en', 'naissance prevue',
    ],
    breastfeeding: [
      'allaitement', 'allaiter', 'allaite', 'allaites', 'allaitante', 'allaitantes', 'tetee', 'tetees', 'teter',
      'tete mal', 'lait maternel', 'mon lait', 'sein', 'seins', 'tire lait', 'tire-lait', 'tirelait',
      'marraine d allaitement', 'mamelon*', 'crevasses', 'montee de lait', 'sevrage', 'sevrer', 'nourrir au sein',
      'donner le sein', 'ligue la leche', 'nourri au sein',
    ],
    camp: [
      'camp', 'camps', 'camp de jour', 'camp d ete', 'camp familial', 'camp parents enfants', 'colonie',
      'colonie de vacances', 'sejour', 'sejour evasion', 'vacances d ete', 'cet ete', 'l ete', 'activites d ete',
      'semaine de relache', 'relache', 'camp estival', 'camp de vacances',
    ],
    school_readiness: [
      'maternelle', 'prematernelle', 'pre maternelle', 'ecole', 'l ecole', 'rentree', 'rentree scolaire',
      'entree scolaire', 'petits pas vers l ecole', 'preparer a l ecole', 'preparation a l ecole', 'scolaire',
      'inscription a l ecole', 'inscrire a l ecole', 'inscrire a la maternelle', 'maternelle 4 ans', 'passe partout',
      'passe-partout', 'eveil a la lecture', 'premiere annee', 'commission scolaire', 'centre de services scolaire',
      'prescolaire', 'lire et ecrire', 'orthophon*', 'retard de langage', 'langage',
      'stimulation', 'stimulation precoce', 'developpement', 'developpement de l enfant', 'se developper', 'lecture', 'apprendre a lire',
    ],
    childcare: [
      'garderie', 'garderies', 'cpe', 'halte garderie', 'halte-garderie', 'haltegarderie', 'halte',
      'service de garde', 'services de garde', 'milieu de garde', 'place en garderie', 'gardienne', 'gardiennage',
      'faire garder', 'garder mon', 'garder ma', 'garder mes', 'la place 0-5', 'place 0 5', 'liste d attente',
      'garde d enfant', 'garde d enfants', 'gardien', 'nounou', 'garderie subventionnee', 'bureau coordonnateur',
      'garderie privee', 'milieu familial',
    ],
    housing: [
      'logement', 'logements', 'appartement', 'appart', 'appartements', 'loyer', 'loyers', 'hlm', 'logement social',
      'cooperative d habitation', 'coop d habitation', 'proprietaire', 'proprio', 'bail', 'expulse', 'expulsee',
      'expulsion', 'eviction', 'evince', 'evincee', 'reprise de logement', 'renoviction', 'punaises', 'coquerelles',
      'moisissure', 'moisissures', 'insalubre', 'chauffage', 'demenager', 'demenagement', 'le 1er juillet',
      '1er juillet', 'sans logement', 'a la rue', 'dans la rue', 'sans abri', 'itinerance', 'refuge', 'maison d hebergement',
      'hebergement', 'ou dormir', 'pas de toit', 'plus de toit', 'sans toit', 'toit', 'dehors ce soir', 'rien pour dormir', 'nulle part ou aller', 'pas de place ou dormir',
      'tal', 'tribunal administratif du logement', 'regie du logement', 'office municipal d habitation', 'omhm',
      'supplement au loyer', 'trop cher', 'logis', '5 et demi', '4 et demi', '3 et demi', 'chambre',
      'dans l auto', 'dans le char', 'dans la voiture', 'dans mon char', 'dans mon auto', 'dort dans', 'dormir dans', 'dormons dans', 'dort chez', 'dormir chez', 'dormons chez', 'on dort chez', 'chez une amie', 'chez un ami', 'chez des amis', 'chez une chum', 'heberge chez', 'hebergee chez', 'hebergees chez', 'sur le divan', 'sur le sofa', 'sur le canape', 'pas d appart', 'plus d appart', 'plus de logement', 'pas de logement', 'perdu notre logement', 'perdu mon logement', 'avis d eviction', 'mis dehors', 'mettre dehors', 'met dehors', 'a la porte', 'locateur', 'locataire', 'locataires', 'payer le loyer', 'payer mon loyer', 'nulle part ou dormir', 'pas de chez nous', 'se loger', 'me loger', 'nous loger',
      'dans notre char', 'dans notre auto', 'dans notre voiture', 'dans ma voiture', 'vit dans notre', 'vivons dans', 'vit dans l auto', 'vit dans le char',
    ],
    basic_needs: [
      'nourriture', 'manger', 'bouffe', 'faim', 'banque alimentaire', 'depannage alimentaire', 'depannage',
      'epicerie', 'panier', 'paniers', 'paniers de noel', 'panier de noel', 'comptoir alimentaire', 'frigo',
      'vetements', 'linge', 'manteau', 'manteaux', 'habit de neige', 'bottes', 'couches', 'couche', 'lait maternise',
      'preparation pour nourrisson', 'formule', 'argent', 'pas d argent', 'fin de mois', 'meubles', 'lit de bebe',
      'poussette', 'siege d auto', 'cuisine collective', 'cuisines collectives', 'repas', 'diner', 'souper', 'dejeuner',
      'aide alimentaire', 'friperie', 'jouets', 'bon d achat', 'pauvre', 'pauvrete', 'medicaments', 'sans revenu',
      'manque de nourriture', 'manque de', 'manquons de', 'pas assez de', 'plus rien a manger', 'rien a manger', 'frigo vide',
      'nourrir', 'alimentation', 'saine alimentation', 'habitudes alimentaires', 'bien manger', 'nutrition',
    ],
    newcomer: [
      'immigration', 'immigrant', 'immigrante', 'immigrants', 'nouvel arrivant', 'nouvelle arrivante',
      'nouveaux arrivants', 'nouvellement arrive', 'nouvellement arrivee', 'arrive au canada', 'arrivee au canada',
      'arrives au canada', 'refugie', 'refugiee', 'refugies', 'demandeur d asile', 'demandeuse d asile',
      'demande d asile', 'asile', 'papiers', 'sans papiers', 'statut', 'residence permanente', 'resident permanent',
      'citoyennete', 'permis de travail', 'permis d etudes', 'francisation', 'cours de francais', 'apprendre le francais',
      'ramq', 'carte soleil', 'assurance maladie', 'nas', 'numero d assurance sociale', 'prafi', 'cic', 'ircc',
      'parrainage', 'integration', 'nouveau au quebec', 'nouvelle au quebec', 'arrive au quebec', 'arrivee au quebec',
      'arrives au quebec', 'visa',
      'vient d arriver', 'viens d arriver', 'venons d arriver', 'viennent d arriver', 'venez d arriver', 'arrive du', 'arrivee du', 'arrives du', 'arrivees du', 'arrive d', 'arrivee d', 'arrives d', 'arrive de', 'arrivee de', 'arrives de', 'arrive en', 'arrivee en', 'arrives en', 'nouvellement', 'immigr*', 'refugi*', 'recemment arrive', 'recemment arrivee', 'arrive depuis', 'arrivee depuis', 'arrives depuis', 'nouveau pays', 'nouveau ici', 'nouvelle ici', 'nouveaux ici',
      'arriv* l an', 'arriv* l annee', 'arriv* cette annee', 'arriv* l ete', 'arriv* l hiver', 'arriv* l automne', 'arriv* le mois',
      'vient d emmenager', 'viens d emmenager', 'venons d emmenager', 'nouvelles familles', 'nouvelle famille', 'nouveaux parents',
    ],
    events: [
      'activite', 'activites', 'evenement', 'evenements', 'fete', 'fetes', 'famille en fete', 'sortie', 'sorties',
      'atelier', 'ateliers', 'spectacle', 'festival', 'fin de semaine', 'ce weekend', 'ce week-end', 'weekend',
      'quoi faire', 'a faire', 'bibliotheque', 'heure du conte', 'parc', 'piscine', 'jeux', 'jouer', 'calendrier',
      'programmation', 'gratuit', 'gratuites', 'gratuits', 'loisirs', 'sport', 'sports',
      'massage pour bebe', 'massage bebe', 'ateliers parents enfants', 'parent enfant', 'parents enfants',
      'samedi=0.9', 'dimanche=0.9', 'vendredi=0.8', 'lundi=0.7', 'mardi=0.7', 'mercredi=0.7', 'jeudi=0.7', 'qu est ce qu il y a', 'y a quoi', 'amusant', 'divertissant', 'sortir avec', 'quoi faire avec',
      'cette semaine=0.8',
      'groupe de parents', 'groupes de parents', 'groupe d entraide=0.8', 'entraide=0.8', 's entraident', 'soutien entre parents', 'parents ambassadeurs', 'm impliquer',
      'ce samedi=1', 'ce dimanche=1', 'samedi prochain=1', 'dimanche prochain=1',
    ],
    human: [
      'parler a quelqu un', 'parler a une personne', 'parler avec quelqu un', 'parler avec une personne',
      'parler a un humain', 'parler a un intervenant', 'parler a une intervenante', 'parler a un agent',
      'parler a qqn', 'parler avec qqn', 'parler a quelquun=2.2', 'parler avec quelquun=2.2', 'une vraie personne',
      'un vrai humain', 'un humain=1', 'un intervenant=1', 'une intervenante=1', 'intervenant=1', 'intervenante=1', 'travailleuse sociale', 'travailleur social', 'appelez moi',
      'appelez-moi', 'appellez moi', 'rappelez moi', 'rappelez-moi', 'pouvez vous m appeler', 'quelqu un peut m appeler',
      'qqn peut m appeler', 'parler au telephone', 'un agent=0.8', 'personne reelle', 'jaser avec quelqu un',
      'jaser avec qqn', 'parler a quelqu', 'une personne=0.8', 'un etre humain', 'me rappeler', 'm appeler',
    ],
    crisis: [
      'me frappe', 'm a frappe', 'm a frappee', 'me bat', 'm a battue', 'me battre', 'il me bat', 'il me frappe',
      'frappe mon enfant', 'frappe mes enfants', 'frappe les enfants', 'battu', 'battue', 'violence', 'violent',
      'violente', 'agresse', 'agressee', 'agression', 'abus', 'abuse', 'abusee', 'maltraite', 'maltraitance',
      'en danger', 'danger', 'peur pour ma vie', 'peur de mon mari', 'peur de mon conjoint', 'peur de lui',
      'me tuer', 'me suicider', 'suicide', 'suicidaire', 'envie de mourir', 'veux mourir', 'je veux mourir',
      'en finir', 'me faire du mal', 'me faire mal', 'me blesser', 'plus envie de vivre', 'plus la force de vivre', 'menace de me', 'menaces', 'me menace', 'dpj', 'touche mon enfant', 'attouchement*',
      'harcele', 'harcelement', 'viol', 'violee', 'secoue le bebe', 'secouer le bebe', 'faire du mal au bebe',
      'faire du mal a mon bebe', 'faire du mal a mes enfants', 'mal a mon enfant', 'jetee dehors',
      'm a etrangle*', 'etrangle', 'couteau', 'arme', 'urgence', '911',
      'suicid*', 'jveux mourir', 'voudrais mourir', 'vouloir mourir', 'pu envie de vivre', 'pus envie de vivre', 'pas envie de vivre', 'plus le gout de vivre', 'pu le gout de vivre', 'marre de vivre', 'envie de disparaitre', 'me mutiler', 'peux plus continuer', 'peux pu continuer', 'jpeux pu continuer', 'jpeux plus continuer', 'en peux plus', 'en peux pu', 'suis a bout', 'chu a bout', 'jsuis a bout', 'suis plus capable', 'suis pu capable', 'chu pu capable', 'chu plus capable', 'peur pour ma securite', 'peur pour mes enfants', 'peur pour ma fille', 'peur pour mon fils', 'pas en securite', 'me sens pas en securite', 'sens pas en securite', 'violence conjugale', 'des bleus', 'va me tuer', 'veut me tuer', 'me faire disparaitre', 'me jeter en bas', 'me pendre', 'mettre fin a mes jours', 'fin a mes jours', 'crisse des claques',
      'mieux sans moi', 'mieux sans nous', 'vois plus le sens', 'vois pu le sens', 'sert a rien de vivre', 'personne va s ennuyer de moi', 'disparaitre pour toujours',
    ],
    stop: [
      'arret', 'arrete', 'arreter', 'arretez', 'arretez de m ecrire', 'arretez les messages', 'arreter les messages',
      'plus de messages', 'je veux plus de messages', 'je ne veux plus de messages', 'veux plus recevoir',
      'ne plus recevoir', 'desabonner', 'desabonnez', 'desabonnez moi', 'desabonnement', 'desinscrire',
      'desinscrivez moi', 'retirez moi de la liste', 'ecrivez moi plus', 'ecrivez plus', 'm ecrivez plus',
      'm ecrire plus', 'texter plus', 'textez plus',
    ],
    start: ['recommencer les messages', 'reprendre', 'reprendre les messages', 'reabonner', 'me reabonner', 'reactiver', 'je veux recevoir les messages', 'recevoir encore'],
    help: ['aide', 'aidez moi', 'aidez-moi', 'besoin d aide', 'comment ca marche', 'comment ca fonctionne', 'c est quoi', 'c quoi', 'tu fais quoi', 'vous faites quoi', 'que faites vous', 'info', 'infos', 'information', 'informations', 'renseignement', 'renseignements', 'question', 'je comprends pas', 'je comprend pas', 'comprends pas', 'jcomprends pas', 'quoi faire', 'que peux tu faire', 'que pouvez vous faire', 'tu peux faire quoi', 'vous pouvez faire quoi', 'comment vous pouvez m aider', 'tu sers a quoi', 'ca sert a quoi', 'c est quoi ce service'],
    menu: ['menu', 'menu principal', 'retour', 'retour au menu', 'options', 'choix', 'liste', 'recommencer', 'accueil', 'revenir au debut', 'au debut'],
    change_language: ['langue', 'langues', 'changer de langue', 'changer la langue', 'autre langue', 'parlez vous', 'parles tu', 'tu parles', 'vous parlez', 'ecrire en', 'ecrivez en', 'ecrivez moi en', 'repondez en', 'repondre en', 'en francais svp', 'en anglais svp', 'en espagnol svp', 'en creole svp', 'en francais stp', 'en francais'],
    delete_data: ['supprim* mon numero', 'effac* mon numero', 'supprim* mes', 'effac* mes', 'effacer=1', 'effacez=1', 'supprimer=1', 'supprimez=1', 'effacer mes donnees', 'effacez mes donnees', 'supprimer mes donnees', 'supprimez mes donnees', 'effacer mes informations', 'supprimer mes informations', 'supprimer mon numero', 'effacer mon numero', 'effacez mon numero', 'retirer mon numero', 'retirez mon numero', 'oubliez moi', 'oubliez-moi', 'mes donnees', 'mes renseignements personnels', 'supprimer mon dossier', 'effacer mon dossier', 'effacer tout', 'supprimer mon compte', 'effacez tout'],
    greeting: ['bonjour', 'bonsoir', 'salut', 'allo', 'bjr', 'slt', 'coucou', 'bon matin', 'hey', 'yo', 'bonne journee', 'cc', 'salutations'],
    thanks: ['merci', 'merci beaucoup', 'merci bien', 'mrc', 'mercii', 'merciii', 'mci', 'thx', 'merci infiniment', 'c gentil', 'c est gentil', 'super merci', 'parfait merci', 'top merci', 'merci mille fois', 'mille mercis'],
    yes: ['oui', 'ouais', 'ouaip', 'oue', 'ui', 'wouais', 'daccord', 'd accord', 'dac', 'ok', 'okay', 'oki', 'parfait', 'bien sur', 'certainement', 'exactement', 'c est ca', 'correct', 'c correct', 'volontiers', 'avec plaisir', 'ca marche', 'absolument', 'effectivement', 'vas y', 'go', 'oui svp', 'oui stp', 'bien sure', 'ca me va'],
    no: ['non', 'nan', 'non merci', 'pas maintenant', 'pas vraiment', 'pas besoin', 'jamais', 'pantoute', 'pas pour l instant', 'pas pour le moment', 'non ca va', 'ca va aller', 'laisse faire', 'laissez faire', 'nenon', 'non pas encore', 'pas interesse', 'pas interessee'],
  },
  numbers: {
    zero: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
    onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, 'dix-sept': 17, 'dix-huit': 18,
    'dix-neuf': 19, vingt: 20, trente: 30,
  },
  months: {
    janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6, juillet: 7,
    juil: 7, aout: 8, septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
  },
  languageNames: {
    francais: 'fr', france: 'fr', anglais: 'en', espagnol: 'es', creole: 'ht', haitien: 'ht', kreyol: 'ht',
  },
  sample: `bonjour je cherche une garderie pour mon fils il a deux ans et demi est ce que vous avez des places
  jsuis enceinte pis je sais pas ou aller pour les cours prenatals y a tu quelque chose dans le quartier
  merci beaucoup pour votre aide cest tres gentil on va essayer la semaine prochaine
  ma fille va commencer la maternelle en septembre comment je peux la preparer pour l ecole
  nous avons besoin d un logement plus grand notre appartement est trop petit et le loyer est trop cher
  est ce quil y a des activites gratuites pour les enfants cette fin de semaine dans le parc
  je voudrais parler a quelqu un svp cest urgent pouvez vous m appeler aujourd hui
  on est arrives au quebec le mois passe et on cherche de l aide pour les papiers et la francisation
  cest quoi les camps de jour cet ete pour les enfants de quatre ans chu pas sure de comprendre
  tsé moé pis mon chum on a pas ben ben d argent faque on cherche une banque alimentaire icitte`,
};
