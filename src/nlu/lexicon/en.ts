import type { Lexicon } from '../types.ts';

// English as parents text it, with the usual SMS shorthand ("u", "pls", "thx", "im").
export const ENGLISH: Lexicon = {
  language: 'en',
  markers: {
    i: 2, im: 3, my: 3, me: 1, the: 3, and: 3, is: 3, are: 3, am: 3, was: 3, a: 1, an: 1, of: 3, to: 2,
    for: 3, with: 3, in: 1, on: 1, at: 2, it: 2, its: 3, this: 3, that: 3, there: 3, any: 3, some: 3, have: 3,
    has: 3, do: 3, does: 3, can: 3, could: 3, would: 3, will: 3, need: 3, want: 3, looking: 3, find: 3,
    where: 3, what: 3, how: 3, when: 3, who: 3, which: 3, you: 3, your: 3, u: 2, ur: 3, we: 3, our: 3, he: 3,
    she: 3, they: 3, his: 3, her: 3, him: 3, not: 3, dont: 3, cant: 3, please: 3, pls: 3, plz: 3, thanks: 3,
    thank: 3, thx: 2, hello: 2, hi: 3, hey: 2, yes: 3, yeah: 3, yep: 3, no: 1, just: 3, about: 3, help: 2,
    old: 3, years: 3, year: 3, months: 3, month: 3, son: 1, daughter: 3, kid: 3, kids: 3, child: 3,
    children: 3, baby: 3, get: 3, be: 3, here: 3, from: 3, if: 3, or: 2, but: 3, so: 2, too: 3, also: 3, know: 3,
    ive: 3, youre: 3, theres: 3, whats: 3, lol: 2, wanna: 3, gonna: 3, got: 3, still: 3, should: 3, go: 2, back: 2, main: 2, free: 2, near: 3, open: 2, today: 3, tonight: 3, tomorrow: 3,
    week: 3, alone: 3, each: 3, other: 3,
  },
  intents: {
    prenatal: [
      'pregnant=1.6', 'pregnancy', 'prenatal', 'pre natal', 'antenatal', 'expecting', 'expecting a baby', 'due date',
      'due in', 'im due', 'i am due', 'baby is due', 'weeks pregnant', 'months pregnant', 'midwife', 'doula',
      'birthing', 'giving birth', 'give birth', 'labour', 'labor', 'delivery', 'ultrasound', 'morning sickness',
      'birth class', 'birth classes', 'childbirth', 'mom to be', 'dad to be', 'first baby', 'perinatal',
      'baby is born', 'baby comes', 'born in', 'baby arrives',
      'gave birth', 'had my baby', 'had a baby', 'had the baby', 'postpartum', 'postnatal', 'post natal', 'newborn',
    ],
    breastfeeding: [
      'breastfeed', 'breastfeeding', 'breast feeding', 'breast feed', 'breastfed', 'nursing', 'nurse my baby',
      'latch', 'latching', 'breast milk', 'breastmilk', 'pump', 'pumping', 'breast pump', 'lactation',
      'lactation consultant', 'nipple*', 'weaning', 'wean', 'la leche', 'milk supply', 'engorged', 'mastitis',
    ],
    camp: [
      'camp', 'camps', 'parent child camp=3', 'day camp', 'summer camp', 'summer camps', 'family camp', 'this summer', 'summer program',
      'summer activities', 'spring break', 'march break', 'summer holidays', 'summer vacation',
    ],
    school_readiness: [
      'kindergarten', 'kinder', 'pre k', 'pre-k', 'prek', 'preschool', 'pre school', 'school', 'start school',
      'starting school', 'ready for school', 'school readiness', 'prepare for school', 'back to school',
      'register for school', 'school registration', 'enroll', 'enrol', 'enrollment', 'first grade', 'grade 1',
      'speech therapy', 'speech delay', 'reading', 'literacy', 'school board',
      'development', 'child development', 'develop', 'language development', 'speech and language', 'early reading',
    ],
    childcare: [
      'daycare', 'day care', 'daycares', 'childcare', 'child care', 'babysitter', 'babysitting', 'baby sitter',
      'nanny', 'sitter', 'drop in daycare', 'respite', 'spot in daycare', 'daycare spot', 'daycare place',
      'waiting list', 'waitlist', 'cpe', 'someone to watch my', 'watch my kids', 'watch my son', 'watch my daughter',
      'subsidized daycare', 'home daycare', 'after school care',
    ],
    housing: [
      'housing', 'apartment', 'apartments', 'apt', 'rent', 'rental', 'landlord', 'lease', 'evicted', 'eviction',
      'evict', 'kicked out', 'homeless', 'shelter', 'place to stay', 'place to live', 'nowhere to stay',
      'nowhere to go', 'nowhere to sleep', 'no place to sleep', 'no roof', 'on the street', 'social housing',
      'low income housing', 'hlm', 'cockroaches', 'roaches', 'bed bugs', 'bedbugs', 'mold', 'mould', 'heating',
      'no heat', 'moving', 'move out', 'rent increase', 'tenant', 'tenants', 'cheaper apartment', 'bigger apartment',
      'room', 'housing cooperative', 'co op', 'coop',
      'in the car', 'in our car', 'in my car', 'sleeping in the car', 'sleep in the car', 'living in the car', 'living in our car', 'friends couch', 'friends place', 'friends house', 'staying with a friend', 'staying at a friend', 'staying with friends', 'staying with family', 'no home', 'no apartment', 'lost our apartment', 'lost our home', 'lost our place', 'eviction notice', 'roommate', 'nowhere to live', 'motel', 'sleeping at', 'sleeping on', 'rent is too high', 'pay rent', 'pay the rent', 'cant pay rent', 'our lease', 'kicking us out', 'kick us out', 'kicked us out',
      'on a couch', 'on the couch', 'on their couch', 'on her couch', 'couch surfing',
      'living in my car', 'live in our car', 'live in the car', 'sleep in our car',
    ],
    basic_needs: [
      'food', 'food bank', 'foodbank', 'hungry', 'groceries', 'grocery', 'meals', 'meal', 'eat', 'nothing to eat',
      'clothes', 'clothing', 'winter coat', 'coat', 'boots', 'snowsuit', 'diapers', 'diaper', 'nappies', 'formula',
      'baby formula', 'money', 'no money', 'cant afford', 'afford', 'furniture', 'crib', 'stroller', 'car seat',
      'winter coats', 'christmas basket', 'christmas baskets', 'food basket', 'community kitchen', 'toys', 'broke', 'poor',
      'medication', 'medicine', 'healthy eating', 'nutrition', 'eat healthy',
      'run out of', 'ran out of', 'out of food', 'not enough food', 'nothing in the fridge',
    ],
    newcomer: [
      'newcomer', 'newcomers', 'new to canada', 'new in canada', 'just arrived', 'recently arrived', 'arrived in canada',
      'new to montreal', 'new in montreal', 'arrived in montreal', 'new to quebec', 'immigrant', 'immigration',
      'immigrate', 'refugee', 'refugees', 'asylum', 'asylum seeker', 'refugee claimant', 'claimant', 'papers',
      'status', 'permanent resident', 'permanent residence', 'citizenship', 'work permit', 'study permit',
      'french classes', 'french class', 'learn french', 'francisation', 'health card', 'medicare card', 'ramq',
      'sin number', 'social insurance', 'sponsorship', 'visa', 'settle',
      'arrived from', 'we arrived', 'i arrived', 'just came', 'came from', 'just moved', 'moved here', 'moved here from', 'moved to canada', 'just got here', 'new here', 'new in town', 'came to canada', 'landed', 'immigrat*', 'refugee*', 'pr card', 'new country', 'from another country', 'arrived here', 'arrived last',
    ],
    events: [
      'event', 'events', 'activity', 'activities', 'party', 'festival', 'weekend', 'this weekend', 'things to do',
      'something to do', 'what to do', 'outing', 'outings', 'workshop', 'workshops', 'library', 'story time',
      'storytime', 'park', 'pool', 'play', 'playgroup', 'free activities', 'free', 'fun', 'games',
      'calendar', 'sports', 'baby massage', 'parent child', 'family day',
      'saturday=0.9', 'sunday=0.9', 'friday=0.8', 'monday=0.7', 'tuesday=0.7', 'wednesday=0.7', 'thursday=0.7', 'whats on', 'anything fun', 'something fun', 'for toddlers to do', 'shows', 'a show', 'kids show', 'puppet show',
      'this week=0.8',
      'parents group', 'parent group', 'support group=0.8', 'help each other', 'peer support=0.8', 'get involved', 'volunteer',
      'this saturday=1', 'this sunday=1', 'on saturday=1', 'on sunday=1',
    ],
    human: [
      'talk to someone', 'talk to a person', 'talk to a human', 'speak to someone', 'speak to a person',
      'speak with someone', 'talk with someone', 'speak to a human', 'real person', 'a human=1', 'human=1', 'an agent=0.8',
      'agent=0.8', 'a worker=0.8', 'social worker', 'caseworker', 'counselor', 'counsellor', 'call me', 'call me back',
      'can someone call', 'someone call me', 'phone call', 'talk on the phone', 'representative', 'live person',
      'real human', 'somebody=0.8', 'a person=0.8', 'operator=1',
    ],
    crisis: [
      'hits me', 'hit me', 'hitting me', 'beats me', 'beat me', 'beaten', 'hurts me', 'hurt me', 'hurting me',
      'abuse', 'abused', 'abusive', 'violence', 'violent', 'domestic violence', 'assaulted', 'assault', 'in danger',
      'danger', 'not safe', 'unsafe', 'afraid of my husband', 'afraid of my partner', 'scared of my husband',
      'scared of my partner', 'afraid for my life', 'kill myself', 'killing myself', 'suicide', 'suicidal',
      'want to die', 'wanna die', 'end my life', 'end it all', 'hurt myself', 'harm myself', 'self harm',
      'cutting myself', 'no reason to live', 'threatens me', 'threatened me', 'hits my child',
      'hits my kids', 'hit my son', 'hit my daughter', 'hurt the baby', 'hurt my baby', 'shake the baby',
      'shaking the baby', 'hurt* the baby', 'hurt* my baby', 'hurt* my child', 'hurt* my kids', 'hurt* my son', 'hurt* my daughter', 'dont feel safe', 'not feel safe', 'feel unsafe', 'not safe at home', 'molested', 'raped', 'rape', 'choked me', 'knife', 'gun', 'emergency', 'youth protection',
      'end it', 'ending it', 'ending it all', 'want to end it', 'take my life', 'take my own life', 'dont want to live', 'dont want to be alive', 'dont want to be here', 'cant go on', 'cannot go on', 'cant do this anymore', 'cant take it anymore', 'cant take this anymore', 'cant take it', 'better off dead', 'better off without me', 'wish i was dead', 'wish i were dead', 'no point living', 'no point in living', 'overdose', 'kill me', 'kill us', 'going to kill', 'gonna kill', 'fear for my life', 'fear for my safety', 'afraid for my safety', 'scared for my safety', 'afraid for my kids', 'scared for my kids', 'domestic abuse', 'sexual abuse', 'bruises', 'black eye', 'cut myself', 'self-harm', 'shaken baby', 'hopeless', 'give up on life', 'not safe here', 'he has a gun', 'help me please he', 'protect my kids', 'run away from him', 'escape from him',
      'better without me', 'dont see the point', 'see no point', 'whats the point of living', 'nobody would miss me', 'disappear forever',
    ],
    stop: ['unsubscribe', 'stop texting', 'stop texting me', 'stop messaging', 'stop messaging me', 'stop sending', 'stop the messages', 'no more messages', 'no more texts', 'dont text me', 'dont message me', 'remove me', 'remove me from', 'opt out', 'optout', 'stopall', 'revoke'],
    start: ['unstop', 'subscribe', 'resubscribe', 'opt in', 'optin', 'start again', 'restart messages', 'resume', 'start messages', 'send me messages again'],
    help: ['help', 'help me', 'i need help', 'need help', 'how does this work', 'how does it work', 'what is this', 'what do you do', 'what can you do', 'info', 'information', 'question', 'i dont understand', 'dont understand', 'confused', 'what can i do', 'support', 'what can this do', 'what do you offer', 'how can you help', 'how do you work', 'what is this service', 'what are my options'],
    menu: ['menu', 'main menu', 'options', 'back', 'go back', 'start over', 'home', 'choices', 'list', 'back to menu', 'the menu', 'show me the menu', 'see the menu', 'show menu', 'see options', 'show options'],
    change_language: ['language', 'languages', 'lang', 'change language', 'switch language', 'other language', 'another language', 'do you speak', 'can you speak', 'can you write', 'write in', 'reply in', 'answer in', 'english please', 'speak english', 'speak french', 'speak spanish', 'speak creole', 'in english=1', 'in french=1', 'in spanish=1', 'in creole=1'],
    delete_data: ['erase=1', 'delete=1', 'delete my data', 'delete my info', 'delete my information', 'erase my data', 'erase my info', 'remove my data', 'remove my number', 'delete my number', 'forget me', 'forget my', 'delete everything', 'delete my account', 'my data', 'personal information', 'delete my file', 'wipe my data'],
    greeting: ['hello', 'hi', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'morning', 'greetings', 'howdy', 'hi there', 'hello there', 'yo', 'sup'],
    thanks: ['thanks', 'thank you', 'thank u', 'thx', 'ty', 'tysm', 'thanks a lot', 'many thanks', 'much appreciated', 'appreciate it', 'thank you so much', 'thanks so much', 'cheers', 'great thanks', 'perfect thanks'],
    yes: ['yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'sure', 'ok', 'okay', 'k', 'kk', 'alright', 'of course', 'definitely', 'absolutely', 'correct', 'right', 'exactly', 'sounds good', 'please do', 'yes please', 'go ahead', 'why not', 'i do', 'i would', 'that works', 'sure thing'],
    no: ['no', 'nope', 'nah', 'no thanks', 'no thank you', 'not now', 'not really', 'never', 'not interested', 'no need', 'not yet', 'im good', 'i am good', 'all good', 'no im ok', 'not at the moment'],
  },
  numbers: {
    zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
    nineteen: 19, twenty: 20, thirty: 30,
  },
  months: {
    january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
    july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
    nov: 11, december: 12, dec: 12,
  },
  languageNames: { english: 'en', french: 'fr', spanish: 'es', creole: 'ht', haitian: 'ht', kreyol: 'ht' },
  sample: `hi im looking for a daycare for my son he is two years old do you have any spots
  i am pregnant and due in april where can i find prenatal classes near me please
  thank you so much for your help we will try next week
  my daughter is starting kindergarten in the fall how can i get her ready for school
  we need help with housing our landlord wants to evict us and the rent is too high
  are there any free activities for kids this weekend at the park or the library
  can i talk to someone please its urgent could you call me today
  we just arrived in canada last month and we need help with papers and french classes
  what summer camps are there for a four year old i dont understand how this works`,
};
